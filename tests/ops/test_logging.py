import logging

import pytest

from activities import workflow
from tests.factories import make_activity, make_coordinator

pytestmark = pytest.mark.django_db


def _request_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "jitarsa.request"]


def test_one_line_per_request_with_method_path_status_duration_and_address(client, caplog):
    with caplog.at_level(logging.INFO, logger="jitarsa.request"):
        client.get("/agencies/?q=secret-search-term", REMOTE_ADDR="203.0.113.7")
    lines = _request_lines(caplog)
    assert len(lines) == 1
    method, path, status, duration, address = lines[0].split()
    assert (method, path, status, address) == ("GET", "/agencies/", "200", "203.0.113.7")
    assert duration.endswith("ms")


def test_behind_the_load_balancer_the_log_names_the_visitor(client, caplog, settings):
    settings.PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="jitarsa.request"):
        client.get(
            "/agencies/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7"
        )
    assert _request_lines(caplog)[0].split()[-1] == "203.0.113.7"


def test_a_login_logs_neither_the_password_nor_the_session_id(client, caplog):
    make_coordinator("somchai", password="very-secret-pass-42")
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "somchai", "password": "very-secret-pass-42"},
        )
        client.get("/admin/")
    session_id = client.cookies["sessionid"].value
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /admin/login/ " in text
    assert "very-secret-pass-42" not in text
    assert session_id not in text


def test_each_workflow_step_logs_who_which_post_and_the_states(
    caplog, django_capture_on_commit_callbacks
):
    activity = make_activity(status="submitted")
    coordinator = make_coordinator("reviewer1")
    with (
        caplog.at_level(logging.INFO, logger="activities.workflow"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.publish(activity, by=coordinator)
    lines = [r.getMessage() for r in caplog.records if r.name == "activities.workflow"]
    assert lines == [
        f"publish post={activity.pk} by=reviewer1 (user {coordinator.pk}) submitted->published"
    ]
