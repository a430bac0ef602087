"""The set-password e-mail, from each door that sends it: the holder opens the link in the
e-mail and chooses a password with it. (The public reset form's door is tested with its
rate limits in test_auth_pages.py and test_reset_limits.py.)"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import agency, make_coordinator, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()

CHOSEN = "ต้นไม้-สีเขียว-42"


def link_in(message):
    return re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)


def choose_password(client, message):
    """Open the e-mail's link signed out and choose CHOSEN there, as the holder would."""
    client.logout()
    form_page = client.get(urlsplit(link_in(message)).path, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": CHOSEN, "new_password2": CHOSEN}
    )
    assert response.headers["Location"] == "/accounts/reset/done/"


@pytest.fixture
def coordinator(client):
    user = make_coordinator("desk")
    client.force_login(user)
    return user


def send_from_the_list(client, user, **headers):
    data = {"action": "send_set_password_email", "_selected_action": [user.pk]}
    return client.post(reverse("admin:auth_user_changelist"), data, **headers)


def test_the_admins_e_mail_link_sets_a_password(client, coordinator):
    staff = make_staff(agency("peo-chiang-mai"), "somchai")
    send_from_the_list(client, staff)
    choose_password(client, mail.outbox[0])
    staff.refresh_from_db()
    assert staff.check_password(CHOSEN)


def test_the_admins_e_mail_is_thai_from_the_english_admin(client, coordinator):
    staff = make_staff(agency("peo-chiang-mai"), "somchai")
    send_from_the_list(client, staff, HTTP_ACCEPT_LANGUAGE="en")
    assert mail.outbox[0].subject == "ตั้งรหัสผ่านสำหรับเว็บไซต์จิตอาสา กระทรวงศึกษาธิการ"
    assert "ผู้ประสานงาน" in mail.outbox[0].body


def test_the_link_is_on_the_sites_own_address(client, coordinator):
    send_from_the_list(client, make_staff(agency("peo-chiang-mai"), "somchai"))
    assert link_in(mail.outbox[0]).startswith(settings.SITE_URL + "/accounts/reset/")


def test_the_admins_e_mail_says_when_the_mail_server_fails(client, coordinator, monkeypatch):
    def down(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", down)
    response = send_from_the_list(client, make_staff(agency("peo-chiang-mai"), "somchai"))
    assert response.status_code == 302
    assert "ส่งอีเมลถึง somchai ไม่สำเร็จ" in client.get(response["Location"]).text


def test_a_new_accounts_invitation_link_sets_a_password(
    client, coordinator, django_capture_on_commit_callbacks
):
    data = {
        "username": "newstaff",
        "first_name": "สมหญิง",
        "email": "newstaff@example.com",
        "invite": "on",
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 0,
        "memberships-0-agency": agency("peo-lamphun").pk,
        "line_link-TOTAL_FORMS": 0,
        "line_link-INITIAL_FORMS": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("admin:auth_user_add"), data).status_code == 302
    assert "บัญชีผู้ใช้ของท่าน" in mail.outbox[0].subject
    choose_password(client, mail.outbox[0])
    assert User.objects.get(username="newstaff").check_password(CHOSEN)


def test_a_staff_imports_invitation_link_sets_a_password(client, coordinator):
    rows = "ชื่อผู้ใช้,ชื่อ-นามสกุล,อีเมล,หน่วยงาน\nsomchai,สมชาย ใจดี,somchai@moe.go.th,ศธจ. เชียงใหม่\n"
    upload = SimpleUploadedFile("staff.csv", rows.encode(), content_type="text/csv")
    preview = client.post(reverse("staff_import:upload"), {"file": upload})["Location"]
    digest = client.get(preview).context["form"]["digest"].value()
    client.post(preview, {"digest": digest, "send_invitations": "on"})
    (invitation,) = mail.outbox
    assert invitation.to == ["somchai@moe.go.th"]
    choose_password(client, invitation)
    assert User.objects.get(username="somchai").check_password(CHOSEN)
