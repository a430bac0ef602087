"""Reminders to agencies that have not reported, by e-mail and (where set up) LINE.

    send(period, kind=..., by=...)  the one way a reminder goes out: the coordinator's
                                    button (through the worker) and the schedule alike
    run_schedule(now=None)          the daily job (a django-q schedule): whatever is due
    due(today, settings)            which reminders are due on a day

Who is reminded: active agencies that neither led nor joined a post published or waiting
for review in the period (an agency waiting for the coordinators is not nagged).

The schedule: from `days_before_month_end` days before a month ends until its last day, a
first reminder for that month; from `days_after_month_end` days after it ended, for a week,
a firmer second one. The job runs daily; a day the worker missed is made up the next day.

Never twice: each (agency, period, kind, channel) is a ReminderSent row inserted *before*
anything is sent, under a unique constraint. Whoever inserts it sends; a second worker or
a job run again finds the row and skips it. A row that failed (or was left "sending" by a
worker that died) is taken over by the next run, which skips the people it already reached.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_q.tasks import async_task

from agencies.roles import staff_of
from line import client as line
from line.models import AgencyChat

from . import periods, queries
from .models import ReminderSent, ReminderSettings

logger = logging.getLogger(__name__)

Kind, Channel, Status = ReminderSent.Kind, ReminderSent.Channel, ReminderSent.Status
SCHEDULED_FUNCTION = "reports.reminders.run_schedule"
CATCH_UP = datetime.timedelta(days=7)  # a firm reminder missed for longer is dropped
ABANDONED = datetime.timedelta(minutes=30)  # a "sending" row this old: its worker died
MAX_ATTEMPTS = 5
LINE_GIVES_UP_AFTER = 3  # chats failing in a row: LINE is down, the rest wait for next run


def clock():
    """The time the schedule goes by (the tests move it; nothing else should)."""
    return timezone.now()


def recipients(agencies):
    return staff_of(agencies).exclude(email="")


def to_remind(period):
    """Agencies with nothing published or waiting in the period (a retired one has no one
    to remind)."""
    return [a for a in queries.not_reporting(period, waiting_counts=True) if a.is_active]


def recorded(period):
    """(the reminders for a period, the names of agencies nobody could be reached at)."""
    rows = ReminderSent.objects.filter(period_start=period.start, period_end=period.end)
    rows = list(rows.select_related("agency", "sent_by"))
    nobody = sorted({r.agency.display_name for r in rows if r.status == Status.NO_RECIPIENTS})
    return [r for r in rows if r.status != Status.NO_RECIPIENTS], nobody


# ---- what is due ----------------------------------------------------------------------
def due(today, reminder_settings):
    """[(kind, period)] the reminders due on `today` (a local date)."""
    found = []
    this_month = periods.month(today.year, today.month)
    first_day = this_month.end - datetime.timedelta(days=reminder_settings.days_before_month_end)
    if first_day <= today:
        found.append((Kind.BEFORE_MONTH_END, this_month))
    ended = today.replace(day=1) - datetime.timedelta(days=1)
    last_month = periods.month(ended.year, ended.month)
    firm_day = last_month.end + datetime.timedelta(days=reminder_settings.days_after_month_end)
    if firm_day <= today <= firm_day + CATCH_UP:
        found.append((Kind.AFTER_MONTH_END, last_month))
    return found


def run_schedule(now=None):
    """The daily job: send the reminders due today. Returns a line for the task list."""
    reminder_settings = ReminderSettings.current()
    if not reminder_settings.is_active:
        return "reminders are switched off"
    today = timezone.localdate(now or clock())
    done = []
    with translation.override("th"):
        for kind, period in due(today, reminder_settings):
            done += send(period, kind=kind)
    return f"{len(done)} reminders tried on {today}"


# ---- claiming: insert first, send after ----------------------------------------------------
def _key(agency, period, kind, channel, today):
    key = {
        "agency": agency,
        "period_start": period.start,
        "period_end": period.end,
        "kind": kind,
        "channel": channel,
    }
    if kind == Kind.MANUAL:
        key["sent_on"] = today
    return key


def claim(agency, period, kind, channel, by=None):
    """The ReminderSent row this caller must now deliver, or None if another has it."""
    today = timezone.localdate()
    key = _key(agency, period, kind, channel, today)
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(
                **{**key, "sent_on": today}, sent_by=by, status=Status.PENDING, attempts=1
            )
    except IntegrityError:
        pass
    # Taken over in one conditional UPDATE, so of two workers only one wins.
    retry = Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS) | Q(status=Status.NO_RECIPIENTS)
    abandoned = Q(status=Status.PENDING, updated_at__lt=timezone.now() - ABANDONED)
    taken = ReminderSent.objects.filter(retry | abandoned, **key).update(
        status=Status.PENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    return ReminderSent.objects.filter(**key).first() if taken else None


def _finish(record, reached, failures, nobody=False):
    record.delivered_to = sorted(set(record.delivered_to) | set(reached))
    record.recipients = len(record.delivered_to)
    record.error = "\n".join(failures)[:2000]
    if nobody:
        record.status = Status.NO_RECIPIENTS
    else:
        record.status = Status.FAILED if failures else Status.SENT
    record.save(update_fields=["delivered_to", "recipients", "error", "status", "updated_at"])


# ---- the messages -------------------------------------------------------------------------
def _context(agency, period, kind):
    return {
        "agency": agency.name,
        "period": period,
        "kind": kind,
        "url": settings.SITE_URL + reverse("staff:create"),
        "site": settings.SITE_URL,
    }


def email(user, context):
    context = {**context, "name": user.get_full_name() or user.username}
    subject = render_to_string("emails/reminder_subject.txt", context)
    body = render_to_string("emails/reminder.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def line_text(context):
    return render_to_string("line/reminder.txt", context).strip()


# ---- delivering ----------------------------------------------------------------------------
def _deliver_email(record, users, context, connection):
    if not users:
        return _finish(record, [], [], nobody=True)
    reached, failures = [], []
    for user in users:
        if user.email in record.delivered_to:
            continue
        try:
            connection.send_messages([email(user, context)])
            reached.append(user.email)
        except Exception as error:  # one bad address must not stop the others
            logger.warning("Reminder e-mail to %s failed: %s", user.email, error)
            failures.append(f"{user.email}: {error}")
    _finish(record, reached, failures)


class LineRun:
    """LINE for one run: gives up (for this run only) when chat after chat fails."""

    def __init__(self, sleep):
        self.sleep = sleep
        self.failing = 0

    def deliver(self, record, chats, context):
        reached, failures = [], []
        text = line_text(context)
        for chat in chats:
            if chat in record.delivered_to:
                continue
            if self.failing >= LINE_GIVES_UP_AFTER:
                failures.append(f"{chat}: not tried, LINE kept failing; the next run tries again")
                continue
            result = line.push(
                chat, text, key=line.retry_key("reminder", record.pk, chat), sleep=self.sleep
            )
            if result.ok:
                reached.append(chat)
                self.failing = 0
            else:
                failures.append(f"{chat}: {result.error}")
                self.failing += 1
        _finish(record, reached, failures)


def _staff_by_agency(agencies):
    found = {}
    for user in recipients(agencies).annotate(agency_id=F("memberships__agency_id")):
        found.setdefault(user.agency_id, []).append(user)
    return found


def _chats_by_agency(agencies):
    found = {}
    for chat in AgencyChat.objects.filter(agency__in=agencies, is_active=True):
        found.setdefault(chat.agency_id, []).append(chat.chat_id)
    return found


def send(period, *, kind=Kind.MANUAL, by=None, sleep=None):
    """Remind every agency due in `period`: e-mail always, LINE where the agency has chats.

    Returns the ReminderSent rows this call delivered (rows others own are skipped).
    """
    agencies = to_remind(period)
    staff, chats = _staff_by_agency(agencies), _chats_by_agency(agencies)
    line_run = LineRun(sleep) if line.enabled() else None
    done = []
    with translation.override("th"), get_connection() as connection:
        for agency in agencies:
            context = _context(agency, period, kind)
            record = claim(agency, period, kind, Channel.EMAIL, by)
            if record:
                _deliver_email(record, staff.get(agency.pk, []), context, connection)
                done.append(record)
            if line_run and chats.get(agency.pk):
                record = claim(agency, period, kind, Channel.LINE, by)
                if record:
                    line_run.deliver(record, chats[agency.pk], context)
                    done.append(record)
    return done


def send_task(start, end, label, kind, by_id=None):
    """`send` for the worker queue (the coordinator's button)."""
    start, end = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    period = periods.Period(start, end, label)
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return f"{len(send(period, kind=kind, by=by))} reminders tried"


def send_later(period, *, by):
    """The coordinator's button: the worker sends, so LINE's back-off never holds a page."""
    async_task(
        "reports.reminders.send_task",
        period.start.isoformat(),
        period.end.isoformat(),
        period.label,
        Kind.MANUAL,
        by.pk,
    )
