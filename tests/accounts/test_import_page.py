"""The admin's import page: upload, preview of every row, one confirm."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts import importing
from accounts.models import StaffImport
from tests.factories import agency, make_coordinator, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()

UPLOAD = reverse("staff_import:upload")
TEMPLATE = reverse("staff_import:template")
GOOD = (
    "ชื่อผู้ใช้,ชื่อ-นามสกุล,อีเมล,หน่วยงาน,บทบาท\n"
    "somchai,สมชาย ใจดี,somchai@moe.go.th,ศธจ. เชียงใหม่,\n"
    "malee,มาลี ศรีสุข,malee@moe.go.th,สำนักงาน กศน.,เจ้าหน้าที่หน่วยงาน\n"
    "broken,ไม่ครบ,not-an-email,ศธจ.เชียงใหม่,\n"
)


def csv_file(text=GOOD, name="staff.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.fixture
def coordinator(client):
    user = make_coordinator("desk")
    client.force_login(user)
    return user


def upload(client, text=GOOD):
    response = client.post(UPLOAD, {"file": csv_file(text)})
    assert response.status_code == 302, response.text
    return response["Location"]


def confirm(client, preview_url, **extra):
    digest = client.get(preview_url).context["form"]["digest"].value()
    data = {"digest": digest, "send_invitations": "on", **extra}
    return client.post(preview_url, data, follow=True)


def test_upload_page_offers_the_template(client, coordinator):
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert TEMPLATE in page.text


def test_template_is_an_xlsx_download(client, coordinator):
    response = client.get(TEMPLATE)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content.startswith(b"PK")


def test_preview_shows_every_row_and_saves_nothing(client, coordinator):
    page = client.get(upload(client))
    assert "บัญชีใหม่ 2 ปรับปรุง 0 ไม่เปลี่ยนแปลง 0 ไม่นำเข้า 1 แถว" in page.text
    assert "แถวที่ 4</a>: “not-an-email” ไม่ใช่อีเมลที่ถูกต้อง" in page.text
    assert "“สำนักงาน กศน.” ปัจจุบันคือ สกร." in page.text
    assert not User.objects.filter(username__in=["somchai", "malee"]).exists()


def test_confirm_saves_the_good_rows_and_e_mails_invitations(client, coordinator):
    response = confirm(client, upload(client))
    assert "สร้างบัญชีใหม่ 2 บัญชี ปรับปรุง 0 บัญชี ไม่นำเข้า 1 แถว" in response.text
    assert set(
        User.objects.filter(username__in=["somchai", "malee"]).values_list("username", flat=True)
    ) == {"somchai", "malee"}
    assert sorted(m.to[0] for m in mail.outbox) == ["malee@moe.go.th", "somchai@moe.go.th"]


def test_new_staff_sets_a_password_from_the_e_mail_and_signs_in(client, coordinator):
    confirm(client, upload(client))
    body = next(m.body for m in mail.outbox if m.to == ["somchai@moe.go.th"])
    link = next(word for word in body.split() if "/accounts/reset/" in word)
    client.logout()
    page = client.get(urlsplit(link).path, follow=True)
    password = "ช้างเผือก-ปีใหม่-2569"
    client.post(page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    signed_in = client.post("/accounts/login/", {"username": "somchai", "password": password})
    assert signed_in.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username="somchai").pk


def test_confirm_without_invitations_sends_none(client, coordinator):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    client.post(preview, {"digest": digest})
    assert User.objects.filter(username="somchai").exists()
    assert mail.outbox == []


def test_accounts_are_saved_when_the_mail_server_fails(client, coordinator, monkeypatch):
    def down(users):
        raise OSError("connection refused")

    monkeypatch.setattr(importing, "send_invitations", down)
    response = confirm(client, upload(client))
    assert User.objects.filter(username="somchai").exists()
    assert "ส่งอีเมลเชิญไม่สำเร็จ" in response.text


def test_a_change_since_the_preview_asks_to_check_again(client, coordinator):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    make_staff(agency("peo-lamphun"), "somchai")  # someone else, meanwhile
    response = client.post(preview, {"digest": digest, "send_invitations": "on"})
    assert response.status_code == 200
    assert "ข้อมูลบัญชีในระบบเปลี่ยนไปหลังจากตรวจไฟล์" in response.text
    assert not User.objects.filter(username="malee").exists()


def test_confirm_imports_the_checked_file_not_one_posted_with_it(client, coordinator):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    other = csv_file("mallory,ม,mallory@moe.go.th,สป.,ผู้ประสานงาน\n")
    client.post(preview, {"digest": digest, "file": other})
    assert User.objects.filter(username="somchai").exists()
    assert not User.objects.filter(username="mallory").exists()


def test_a_forged_digest_saves_nothing(client, coordinator):
    preview = upload(client)
    client.post(preview, {"digest": "0" * 64})
    assert not User.objects.filter(username="somchai").exists()


def test_confirming_twice_imports_once(client, coordinator):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    client.post(preview, {"digest": digest})
    assert client.post(preview, {"digest": digest}).status_code == 404
    assert User.objects.filter(username="somchai").count() == 1


def test_the_file_is_dropped_once_imported(client, coordinator):
    confirm(client, upload(client))
    staff_import = StaffImport.objects.get()
    assert (bytes(staff_import.content), staff_import.created, staff_import.refused) == (b"", 2, 1)


def test_unconfirmed_uploads_are_forgotten_after_a_day(client, coordinator):
    upload(client)
    StaffImport.objects.update(uploaded_at=timezone.now() - datetime.timedelta(days=2))
    upload(client)
    assert StaffImport.objects.count() == 1


def test_another_coordinator_cannot_open_my_upload(client, coordinator):
    preview = upload(client)
    client.force_login(make_coordinator("other-desk"))
    assert client.get(preview).status_code == 404


def test_a_broken_file_is_refused_in_thai_on_the_upload_page(client, coordinator):
    response = client.post(
        UPLOAD, {"file": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")}
    )
    assert response.status_code == 200
    assert "ไม่ใช่ตารางที่ระบบอ่านได้" in response.text
    assert not StaffImport.objects.exists()


def test_upload_without_a_file_says_so(client, coordinator):
    response = client.post(UPLOAD, {})
    assert response.status_code == 200
    assert "errornote" in response.text


def test_user_list_links_to_the_import(client, coordinator):
    assert UPLOAD in client.get(reverse("admin:auth_user_changelist")).text


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url", [UPLOAD, TEMPLATE])
def test_staff_with_admin_access_get_403(client, url, method):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert getattr(client, method)(url).status_code == 403


def test_staff_with_admin_access_cannot_confirm_an_import(client, coordinator):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.post(preview, {"digest": digest}).status_code == 403
    assert not User.objects.filter(username="somchai").exists()


def test_signed_out_visitor_is_sent_to_the_login(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_account_created_during_the_save_sends_back_to_the_preview(
    client, coordinator, monkeypatch
):
    preview = upload(client)
    digest = client.get(preview).context["form"]["digest"].value()
    real_apply = importing.apply

    def someone_faster(plan, **kwargs):
        make_staff(agency("peo-lamphun"), "malee")  # the same username, committed first
        return real_apply(plan, **kwargs)

    monkeypatch.setattr(importing, "apply", someone_faster)
    response = client.post(preview, {"digest": digest}, follow=True)
    assert "ข้อมูลบัญชีในระบบเปลี่ยนไปหลังจากตรวจไฟล์" in response.text
    assert not User.objects.filter(username="somchai").exists()
    assert StaffImport.objects.get().imported_at is None
