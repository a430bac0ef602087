"""The last guard: a visitor's SQL statement that runs too long is cut off with a Thai page."""

import psycopg2
import pytest
from django.db import OperationalError, connection
from django.test import Client

from activities import stats
from tests.factories import make_coordinator, make_user

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


def statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.django_db
def test_staff_after_a_visitor_on_the_same_connection_are_not_limited(
    client, monkeypatch, short_limit
):
    client.get("/")
    monkeypatch.setattr(stats, "totals", slow_totals)
    client.force_login(make_user())
    assert client.get("/").status_code == 200


@postgresql_only
@pytest.mark.django_db
def test_a_visitor_after_staff_is_limited_again(client, monkeypatch, short_limit):
    staff = Client()
    staff.force_login(make_coordinator())
    assert staff.get("/staff/").status_code == 200
    monkeypatch.setattr(stats, "totals", slow_totals)
    assert client.get("/").status_code == 503


class Recording(psycopg2.extensions.cursor):
    """A driver cursor that notes every statement PostgreSQL is sent."""

    sent = []

    def execute(self, sql, params=None):
        self.sent.append(sql)
        return super().execute(sql, params)


@pytest.fixture
def recorded():
    """Statements sent on a connection kept between requests (outside a test transaction,
    as in a worker), which is left with the server's default limit afterwards."""
    connection.ensure_connection()
    connection.connection.cursor_factory = Recording
    Recording.sent = []
    yield Recording.sent
    connection.connection.cursor_factory = psycopg2.extensions.cursor
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")
    vars(connection).pop("statement_timeout_told", None)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_is_given_the_visitors_limit_once(client, recorded, settings):
    settings.ANONYMOUS_STATEMENT_TIMEOUT = 700
    client.get("/stats/")
    client.get("/stats/")
    told = [sql for sql in recorded if "statement_timeout" in sql]
    assert told == ["SET statement_timeout = %s"]
    assert statement_timeout() == "700ms"
