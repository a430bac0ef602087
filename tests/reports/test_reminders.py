"""Reminders on schedule, by e-mail and LINE, never twice; time moves by hand (no sleeping)."""

import datetime

import pytest
from django.core import mail
from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.scheduler import scheduler

from agencies.models import Agency
from line.models import AgencyChat
from reports import periods, reminders
from reports.models import ReminderSent, ReminderSettings
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

Kind, Channel, Status = ReminderSent.Kind, ReminderSent.Channel, ReminderSent.Status
QUIET_CHAT = "C" + "a" * 32
OTHER_CHAT = "C" + "b" * 32
MARCH = periods.month(2026, 3)


def at(day, month=3, hour=9):
    """A moment in Bangkok time, 2026."""
    return datetime.datetime(
        2026, month, day, hour, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )


@pytest.fixture
def town(db):
    """Four active agencies (the rest switched off): quiet (staff + LINE group), published,
    waiting (a post waiting for review), silent (staff, no LINE)."""
    names = ["ops", "peo-chiang-mai", "peo-lamphun", "peo-lampang"]
    Agency.objects.exclude(slug__in=names).update(is_active=False)
    quiet, published, waiting, silent = (agency(slug) for slug in names)
    for each in (quiet, published, waiting, silent):
        make_staff(each, f"staff-{each.slug}")
    AgencyChat.objects.create(agency=quiet, chat_id=QUIET_CHAT, label="กลุ่มผู้ประสานงาน")
    AgencyChat.objects.create(agency=published, chat_id=OTHER_CHAT)
    make_activity(published, status="published", start_date=datetime.date(2026, 3, 2))
    make_activity(waiting, status="submitted", start_date=datetime.date(2026, 3, 20))
    mail.outbox.clear()
    return {"quiet": quiet, "published": published, "waiting": waiting, "silent": silent}


def mails_to(slug):
    return [m for m in mail.outbox if m.to == [f"staff-{slug}@example.com"]]


def no_wait(seconds):
    raise AssertionError("a test must never sleep")


# ---- what is due when -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "day, expected",
    [
        (at(25), []),
        (at(26), [(Kind.BEFORE_MONTH_END, "2026-03")]),
        (at(31), [(Kind.BEFORE_MONTH_END, "2026-03")]),
        (at(2, 4), []),
        (at(3, 4), [(Kind.AFTER_MONTH_END, "2026-03")]),
        (at(10, 4), [(Kind.AFTER_MONTH_END, "2026-03")]),
        (at(11, 4), []),
    ],
    ids=["25 Mar", "26 Mar", "31 Mar", "2 Apr", "3 Apr", "10 Apr", "11 Apr"],
)
def test_due_follows_the_days_set_in_the_admin(day, expected):
    settings = ReminderSettings(days_before_month_end=5, days_after_month_end=3)
    found = reminders.due(day.date(), settings)
    assert [(kind, f"{p.start:%Y-%m}") for kind, p in found] == expected


# ---- a month end passes ---------------------------------------------------------------------
def test_month_end_passing_sends_exactly_one_email_and_one_line_message_per_kind(town, line_api):
    """Every day from 20 March to 15 April at 09:00, and the job retried at 09:05."""
    day = at(20)
    while day < at(15, 4):
        reminders.run_schedule(now=day)
        reminders.run_schedule(now=day + datetime.timedelta(minutes=5))
        day += datetime.timedelta(days=1)
    quiet = mails_to("ops")
    assert [m.subject for m in quiet] == [
        "จิตอาสา: ขอเชิญรายงานกิจกรรมจิตอาสาประจำมีนาคม 2569",
        "จิตอาสา: ยังไม่มีรายงานกิจกรรมจิตอาสาของหน่วยงานท่านประจำมีนาคม 2569 ซึ่งสิ้นเดือนแล้ว",
    ]
    assert [to for to, _text in line_api.pushed] == [QUIET_CHAT, QUIET_CHAT]
    assert len(mails_to("peo-lampang")) == 2  # silent: e-mail only
    assert mails_to("peo-chiang-mai") == [] and mails_to("peo-lamphun") == []


def test_every_reminder_is_recorded(town, line_api):
    reminders.run_schedule(now=at(27))
    rows = ReminderSent.objects.filter(agency=town["quiet"])
    assert sorted((r.kind, r.channel, r.status, r.recipients) for r in rows) == [
        (Kind.BEFORE_MONTH_END, Channel.EMAIL, Status.SENT, 1),
        (Kind.BEFORE_MONTH_END, Channel.LINE, Status.SENT, 1),
    ]
    assert not ReminderSent.objects.filter(agency__in=[town["published"], town["waiting"]])


def test_agency_without_anyone_to_email_is_recorded_as_such(town):
    lonely = agency("peo-lampang")
    lonely.memberships.all().delete()
    reminders.run_schedule(now=at(27))
    record = ReminderSent.objects.get(agency=lonely)
    assert record.status == Status.NO_RECIPIENTS


def test_line_message_is_thai_with_agency_month_and_link(town, line_api, settings):
    settings.SITE_URL = "https://jitarsa.moe.go.th"
    reminders.run_schedule(now=at(27))
    ((to, text),) = line_api.pushed
    assert to == QUIET_CHAT
    assert "สำนักงานปลัดกระทรวงศึกษาธิการ" in text
    assert "มีนาคม 2569" in text
    assert "https://jitarsa.moe.go.th/staff/new/" in text


def test_without_a_channel_token_only_email_goes(town):
    reminders.run_schedule(now=at(27))
    assert len(mails_to("ops")) == 1
    assert not ReminderSent.objects.filter(channel=Channel.LINE).exists()


def test_switched_off_schedule_sends_nothing(town):
    ReminderSettings.objects.filter(pk=1).update(is_active=False)
    reminders.run_schedule(now=at(27))
    assert mail.outbox == []


def test_publishing_before_the_firm_reminder_stops_it(town):
    reminders.run_schedule(now=at(27))
    make_activity(town["quiet"], status="published", start_date=datetime.date(2026, 3, 30))
    mail.outbox.clear()
    reminders.run_schedule(now=at(3, 4))
    assert mails_to("ops") == [] and len(mails_to("peo-lampang")) == 1


# ---- never twice ----------------------------------------------------------------------------
def test_a_second_worker_finds_the_reminder_claimed(town):
    first = reminders.claim(town["quiet"], MARCH, Kind.AFTER_MONTH_END, Channel.EMAIL)
    second = reminders.claim(town["quiet"], MARCH, Kind.AFTER_MONTH_END, Channel.EMAIL)
    assert first is not None and second is None


def test_a_reminder_left_sending_by_a_dead_worker_is_taken_over_later(town):
    first = reminders.claim(town["quiet"], MARCH, Kind.AFTER_MONTH_END, Channel.EMAIL)
    long_ago = first.updated_at - reminders.ABANDONED - datetime.timedelta(minutes=1)
    ReminderSent.objects.filter(pk=first.pk).update(updated_at=long_ago)
    again = reminders.claim(town["quiet"], MARCH, Kind.AFTER_MONTH_END, Channel.EMAIL)
    assert again.pk == first.pk and again.attempts == 2


def test_the_database_refuses_a_second_scheduled_row(town):
    from django.db import IntegrityError, transaction

    reminders.claim(town["quiet"], MARCH, Kind.BEFORE_MONTH_END, Channel.EMAIL)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(
            agency=town["quiet"],
            period_start=MARCH.start,
            period_end=MARCH.end,
            kind=Kind.BEFORE_MONTH_END,
            channel=Channel.EMAIL,
            sent_on=datetime.date(2026, 3, 30),
        )


# ---- LINE refusing, retried with back-off --------------------------------------------------
def test_line_500_and_429_are_retried_with_back_off_and_retry_after(town, line_api):
    line_api.answer(500)
    line_api.answer(429, {"Retry-After": "7"})
    waits = []
    reminders.send(MARCH, kind=Kind.AFTER_MONTH_END, sleep=waits.append)
    assert waits == [1.0, 7.0]
    assert len(line_api.pushed) == 3
    keys = {r["headers"]["X-Line-Retry-Key"] for r in line_api.requests}
    assert len(keys) == 1  # LINE delivers once even if an answer was lost
    record = ReminderSent.objects.get(agency=town["quiet"], channel=Channel.LINE)
    assert record.status == Status.SENT


def test_line_401_is_retried_then_recorded_as_failed_with_the_reason(town, line_api):
    line_api.answer(401, times=4)
    waits = []
    reminders.send(MARCH, kind=Kind.AFTER_MONTH_END, sleep=waits.append)
    assert waits == [1.0, 2.0, 4.0]
    record = ReminderSent.objects.get(agency=town["quiet"], channel=Channel.LINE)
    assert record.status == Status.FAILED
    assert "401" in record.error and "LINE_CHANNEL_ACCESS_TOKEN" in record.error
    assert len(mails_to("ops")) == 1  # e-mail went all the same


def test_line_400_is_not_retried(town, line_api):
    line_api.answer(400)
    reminders.send(MARCH, kind=Kind.AFTER_MONTH_END, sleep=no_wait)
    assert len(line_api.requests) == 1
    assert ReminderSent.objects.get(channel=Channel.LINE).status == Status.FAILED


def test_a_long_retry_after_is_left_to_the_next_run(town, line_api):
    line_api.answer(429, {"Retry-After": "3600"})
    reminders.send(MARCH, kind=Kind.AFTER_MONTH_END, sleep=no_wait)
    assert ReminderSent.objects.get(channel=Channel.LINE).status == Status.FAILED


def test_when_line_keeps_failing_the_rest_waits_for_the_next_run(town, line_api):
    for letter in "def":
        AgencyChat.objects.create(agency=town["silent"], chat_id="C" + letter * 32)
    line_api.answer(500, times=12)
    reminders.send(MARCH, kind=Kind.AFTER_MONTH_END, sleep=lambda seconds: None)
    assert len(line_api.pushed) == 12  # three chats, four tries each; the fourth not tried
    errors = "".join(
        ReminderSent.objects.filter(channel=Channel.LINE).values_list("error", flat=True)
    )
    assert "not tried" in errors


def test_failed_line_reminder_is_tried_again_next_run_without_repeating_reached_chats(
    town, line_api
):
    AgencyChat.objects.create(agency=town["quiet"], chat_id="U" + "c" * 32)
    line_api.answer(400)  # the first chat refuses once, the second takes it
    reminders.run_schedule(now=at(3, 4))
    record = ReminderSent.objects.get(agency=town["quiet"], channel=Channel.LINE)
    assert record.status == Status.FAILED and record.recipients == 1
    reminders.run_schedule(now=at(4, 4))
    record.refresh_from_db()
    assert record.status == Status.SENT and record.recipients == 2
    assert sorted(to for to, _text in line_api.pushed) == sorted(
        [QUIET_CHAT, QUIET_CHAT, "U" + "c" * 32]
    )


# ---- the worker and the admin's schedule ---------------------------------------------------------
def test_the_scheduled_job_runs_through_the_worker(town, line_api, monkeypatch):
    monkeypatch.setattr(reminders, "clock", lambda: at(3, 4))
    job = Schedule.objects.get(func=reminders.SCHEDULED_FUNCTION)
    Schedule.objects.filter(pk=job.pk).update(next_run=at(3, 4, hour=8))
    scheduler(broker=get_broker())
    assert len(mails_to("ops")) == 1
    assert [to for to, _text in line_api.pushed] == [QUIET_CHAT]
    job.refresh_from_db()
    assert job.next_run > at(3, 4)


def test_the_coordinators_button_shares_the_same_code(client, town, line_api):
    client.force_login(make_coordinator("coord"))
    client.post("/admin/reports/remind/", {"period": "month", "year": "2569", "month": "3"})
    kinds = set(ReminderSent.objects.values_list("kind", "channel"))
    assert kinds == {(Kind.MANUAL, Channel.EMAIL), (Kind.MANUAL, Channel.LINE)}
    assert [to for to, _text in line_api.pushed] == [QUIET_CHAT]
