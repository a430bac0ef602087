import pytest
from django.db import OperationalError

from jitarsa import health

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_sets_no_cookie_and_needs_no_known_host(client):
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert not response.cookies


def test_a_page_answers_503_in_thai_when_the_database_is_down(client, database_down):
    response = client.get("/agencies/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "เว็บไซต์ขอพักสักครู่" in response.content.decode()


def test_the_503_page_in_english_under_en(client, database_down):
    response = client.get("/en/agencies/")
    assert response.status_code == 503
    assert "The site is resting for a moment" in response.content.decode()


def test_handler500_turns_an_outage_outside_a_view_into_a_503(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = health.server_error(rf.get("/"))
    assert response.status_code == 503
    assert "เว็บไซต์ขอพักสักครู่" in response.content.decode()


def test_handler500_leaves_other_errors_a_500(rf):
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = health.server_error(rf.get("/"))
    assert response.status_code == 500


def test_the_site_recovers_when_the_database_comes_back(client, database_down, monkeypatch):
    assert client.get("/agencies/").status_code == 503
    monkeypatch.undo()
    assert client.get("/agencies/").status_code == 200
    assert client.get("/healthz").status_code == 200
