"""The last guard: a visitor's SQL statement that runs too long is cut off with a Thai page."""

import pytest
from django.db import OperationalError, connection

from activities import stats
from tests.factories import make_user

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no statement timeout"
)


class Cancelled(Exception):
    pgcode = "57014"


def cancelled_statement(year):
    raise OperationalError("canceling statement due to statement timeout") from Cancelled()


def slow_totals(year):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.3)")
    return {"activities": 0, "participants": 0, "agencies": 0}


@pytest.fixture
def short_limit(settings):
    settings.ANONYMOUS_STATEMENT_TIMEOUT = 50


@pytest.mark.django_db
def test_a_cancelled_statement_gives_the_thai_too_large_page_not_a_500(client, monkeypatch):
    monkeypatch.setattr(stats, "totals", cancelled_statement)
    response = client.get("/")
    assert response.status_code == 503
    assert "คำขอนี้ใหญ่เกินไป" in response.content.decode()
    assert response["Retry-After"]


@postgresql_only
@pytest.mark.django_db
def test_a_visitors_slow_statement_is_cut_off(client, monkeypatch, short_limit):
    monkeypatch.setattr(stats, "totals", slow_totals)
    response = client.get("/")
    assert response.status_code == 503
    assert "คำขอนี้ใหญ่เกินไป" in response.content.decode()


@postgresql_only
@pytest.mark.django_db
def test_a_made_up_session_cookie_does_not_lift_the_limit(client, monkeypatch, short_limit):
    monkeypatch.setattr(stats, "totals", slow_totals)
    client.cookies["sessionid"] = "made-up"
    assert client.get("/").status_code == 503


@postgresql_only
@pytest.mark.django_db
def test_signed_in_staff_are_not_limited(client, monkeypatch, short_limit):
    monkeypatch.setattr(stats, "totals", slow_totals)
    client.force_login(make_user())
    assert client.get("/").status_code == 200


@postgresql_only
@pytest.mark.django_db
def test_the_limit_ends_with_the_request(client, short_limit):
    client.get("/")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
