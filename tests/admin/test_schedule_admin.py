"""Coordinators see and change when the worker's jobs run and what the reminders do."""

import pytest
from django.urls import reverse
from django_q.models import Schedule

from reports.models import ReminderSettings
from tests.factories import agency, make_coordinator, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


def test_coordinator_sees_the_reminder_schedule(client, coordinator):
    page = client.get(reverse("admin:django_q_schedule_changelist")).content.decode()
    assert "reports.reminders.run_schedule" in page


def test_coordinator_cannot_change_what_a_schedule_runs(client, coordinator):
    job = Schedule.objects.get(func="reports.reminders.run_schedule")
    url = reverse("admin:django_q_schedule_change", args=[job.pk])
    form = client.get(url).context["adminform"].form
    assert "func" not in form.fields and "args" not in form.fields
    assert "next_run_0" in client.get(url).content.decode()


def test_coordinator_sets_the_days_before_month_end(client, coordinator):
    url = reverse("admin:reports_remindersettings_change", args=[1])
    response = client.post(
        url, {"is_active": "on", "days_before_month_end": "3", "days_after_month_end": "2"}
    )
    assert response.status_code == 302
    assert ReminderSettings.current().days_before_month_end == 3


def test_settings_refuse_a_month_of_warning(client, coordinator):
    url = reverse("admin:reports_remindersettings_change", args=[1])
    response = client.post(url, {"days_before_month_end": "40", "days_after_month_end": "2"})
    assert response.status_code == 200
    assert ReminderSettings.current().days_before_month_end == 5


def test_settings_page_shows_when_the_job_runs_next(client, coordinator):
    page = client.get(reverse("admin:reports_remindersettings_changelist")).content.decode()
    assert "ครั้งถัดไป" in page


def test_agency_staff_with_admin_access_cannot_see_schedules(client):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.get(reverse("admin:django_q_schedule_changelist")).status_code == 403
    assert client.get(reverse("admin:reports_remindersettings_changelist")).status_code == 403
