import re

import pytest
from django.core import mail

from tests.factories import agency, make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-word"


@pytest.fixture
def staff():
    return make_staff(agency("peo-chiang-mai"), "somchai")


def test_login_page_is_in_thai(client):
    page = client.get("/accounts/login/").content.decode()
    assert "เข้าสู่ระบบ" in page
    assert "ลืมรหัสผ่าน" in page


def test_login_page_in_english_under_en(client):
    assert "Log in" in client.get("/en/accounts/login/").content.decode()


def test_wrong_password_is_refused_with_a_thai_message(client, staff):
    response = client.post("/accounts/login/", {"username": "somchai", "password": "wrong"})
    assert response.status_code == 200
    assert "รหัสผ่านที่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_keeps_the_username(client, staff):
    response = client.post("/accounts/login/", {"username": "somchai", "password": "wrong"})
    assert 'value="somchai"' in response.content.decode()


def test_login_goes_to_the_staff_area(client, staff):
    response = client.post("/accounts/login/", {"username": "somchai", "password": PASSWORD})
    assert response.headers["Location"] == "/staff/"


def test_login_returns_to_the_next_page(client, staff):
    response = client.post(
        "/accounts/login/?next=/staff/12/edit/",
        {"username": "somchai", "password": PASSWORD, "next": "/staff/12/edit/"},
    )
    assert response.headers["Location"] == "/staff/12/edit/"


def test_login_ignores_a_next_page_on_another_site(client, staff):
    response = client.post(
        "/accounts/login/",
        {"username": "somchai", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/staff/"


def test_login_form_carries_next(client):
    page = client.get("/accounts/login/?next=/staff/3/edit/").content.decode()
    assert 'name="next" value="/staff/3/edit/"' in page


def test_header_offers_login_to_visitors(client):
    page = client.get("/").content.decode()
    assert '/accounts/login/?next=/"' in page


def test_header_offers_logout_form_when_signed_in(client, staff):
    client.force_login(staff)
    page = client.get("/accounts/").content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/">', page)


def test_logout_by_post_signs_out(client, staff):
    client.force_login(staff)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_refused(client, staff):
    client.force_login(staff)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session


def test_account_page_needs_login(client):
    response = client.get("/accounts/")
    assert response.headers["Location"] == "/accounts/login/?next=/accounts/"


def _reset_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/reset/\S+/)", message.body).group(1)


def test_password_reset_sends_a_thai_email(client, staff):
    response = client.post("/accounts/password/reset/", {"email": "somchai@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["somchai@example.com"]
    assert "รหัสผ่าน" in mail.outbox[0].subject
    assert "somchai" in mail.outbox[0].body


def test_password_reset_for_unknown_address_sends_nothing_but_looks_the_same(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.headers["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_password_reset_link_sets_a_new_password(client, staff):
    client.post("/accounts/password/reset/", {"email": "somchai@example.com"})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "ต้นไม้-สีเขียว-42", "new_password2": "ต้นไม้-สีเขียว-42"},
    )
    assert response.headers["Location"] == "/accounts/reset/done/"
    staff.refresh_from_db()
    assert staff.check_password("ต้นไม้-สีเขียว-42")


def test_used_reset_link_is_refused(client, staff):
    client.post("/accounts/password/reset/", {"email": "somchai@example.com"})
    link = _reset_link(mail.outbox[0])
    staff.set_password("changed-elsewhere-9")
    staff.save()
    page = client.get(link, follow=True)
    assert not page.context["validlink"]
    assert "หมดอายุ" in page.content.decode()


def test_invited_user_without_password_can_ask_for_a_reset(client, staff):
    staff.set_unusable_password()
    staff.save()
    client.post("/accounts/password/reset/", {"email": "somchai@example.com"})
    assert len(mail.outbox) == 1


def test_password_change(client, staff):
    client.force_login(staff)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "ดอกไม้-บาน-2568",
            "new_password2": "ดอกไม้-บาน-2568",
        },
    )
    assert response.headers["Location"] == "/accounts/password/change/done/"
    staff.refresh_from_db()
    assert staff.check_password("ดอกไม้-บาน-2568")


def test_password_change_with_wrong_old_password_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "nope",
            "new_password1": "ดอกไม้-บาน-2568",
            "new_password2": "ดอกไม้-บาน-2568",
        },
    )
    assert response.status_code == 200
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
