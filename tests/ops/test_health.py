from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone
from django_q.models import Schedule

from core.models import Heartbeat
from jitarsa import errors, health

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"


def test_healthz_reports_a_worker_seen_a_minute_ago(client):
    health.worker_beat()
    body = client.get("/healthz").json()
    assert body["worker"] == "ok" and body["worker_seen"]


def test_a_late_worker_does_not_fail_the_web_containers_health(client):
    Heartbeat.objects.create(name="worker", seen_at=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "late"


def test_worker_health_address_fails_when_the_worker_is_late(client):
    Heartbeat.objects.create(name="worker", seen_at=timezone.now() - timedelta(minutes=6))
    assert client.get("/healthz/worker").status_code == 503


def test_worker_never_seen_is_unknown(client):
    assert client.get("/healthz").json()["worker"] == "unknown"
    assert client.get("/healthz/worker").status_code == 503


def test_worker_health_address_is_ok_after_a_beat(client):
    health.worker_beat()
    assert client.get("/healthz/worker").status_code == 200


def test_healthz_costs_two_small_queries(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get("/healthz")


def test_check_worker_command_fails_for_a_late_worker():
    Heartbeat.objects.create(name="worker", seen_at=timezone.now() - timedelta(minutes=6))
    with pytest.raises(CommandError, match="late"):
        call_command("check_worker")


def test_check_worker_command_passes_after_a_beat(capsys):
    health.worker_beat()
    call_command("check_worker")
    assert "worker ok" in capsys.readouterr().out


def test_the_heartbeat_is_scheduled_every_minute():
    job = Schedule.objects.get(func="jitarsa.health.worker_beat")
    assert (job.schedule_type, job.minutes) == (Schedule.MINUTES, 1)


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
        response = errors.server_error(rf.get("/"))
    assert response.status_code == 503
    assert "เว็บไซต์ขอพักสักครู่" in response.content.decode()


def test_handler500_leaves_other_errors_a_500(rf):
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = errors.server_error(rf.get("/"))
    assert response.status_code == 500


def test_the_site_recovers_when_the_database_comes_back(client, database_down, monkeypatch):
    assert client.get("/agencies/").status_code == 503
    monkeypatch.undo()
    assert client.get("/agencies/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_healthz_answers_plain_http_while_pages_redirect_to_https(client, settings):
    """The container's HEALTHCHECK asks http://127.0.0.1:$PORT/healthz (DJANGO_SSL_REDIRECT=1)."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    response = client.get("/agencies/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_behind_the_proxy_https_requests_are_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/agencies/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
