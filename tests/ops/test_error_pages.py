"""400, 403, 404, 500 and CSRF failures answer with the portal's own pages: Thai at /,
English under /en/, drawn without the database (the 500 page must work when it is down)."""

import pytest
from django.test import Client

from tests.factories import agency, make_activity, make_staff

pytestmark = pytest.mark.django_db


def is_portal_page(response):
    html = response.content.decode()
    return 'class="site-header"' in html and "/static/css/site.css" in html


def test_an_unknown_address_gets_the_thai_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert is_portal_page(response)
    assert '<html lang="th">' in response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_an_unknown_english_address_gets_the_english_404_page(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    assert "Page not found" in response.content.decode()


def test_the_404_page_asks_nothing_of_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/activities/99999999/x/").status_code == 404


def test_a_forbidden_page_says_why_in_thai(client):
    author = make_staff(agency("peo-chiang-mai"))
    post = make_activity(agency("peo-chiang-mai"), by=author, status="submitted")
    client.force_login(author)
    response = client.get(f"/staff/{post.pk}/edit/")
    assert response.status_code == 403
    assert is_portal_page(response)
    assert "ไม่มีสิทธิ์" in response.content.decode()


def test_a_bad_request_gets_the_thai_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")  # not in ALLOWED_HOSTS
    assert response.status_code == 400
    assert is_portal_page(response)
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


def test_an_expired_form_gets_the_thai_csrf_page():
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "somchai", "password": "x"}
    )
    assert response.status_code == 403
    assert is_portal_page(response)
    assert "แบบฟอร์มหมดอายุ" in response.content.decode()


def test_an_expired_form_under_en_gets_the_english_csrf_page():
    response = Client(enforce_csrf_checks=True).post("/en/accounts/login/", {})
    assert "This form has expired" in response.content.decode()


@pytest.mark.parametrize("path, words", [("/fail/", "เกิดข้อผิดพลาด"), ("/en/fail/", "went wrong")])
def test_a_bug_gets_the_500_page_even_with_the_database_down(
    client, settings, database_down, path, words
):
    settings.ROOT_URLCONF = "tests.ops.error_urls"
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 500
    assert is_portal_page(response)
    assert words in response.content.decode()
