"""The reminder to agencies that have not reported: e-mailed to their staff, then recorded."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.roles import staff_of

from . import queries
from .models import ReminderSent


def recipients(agencies):
    return staff_of(agencies).exclude(email="")


def _message(user, period):
    subject = _("Jitarsa: please report your volunteer activities for %(period)s") % {
        "period": period.label
    }
    body = _(
        "Dear %(name)s,\n\nThe coordination centre has not yet received a published volunteer "
        "activity from your agency for %(period)s (%(dates)s).\nPlease post your activities "
        "at %(site)s so they are counted in the report to the committee.\n\nThank you."
    ) % {
        "name": user.get_full_name() or user.username,
        "period": period.label,
        "dates": period.dates(),
        "site": settings.SITE_URL,
    }
    return EmailMessage(subject, body, to=[user.email])


def send(period, by):
    """E-mail the staff of exactly the agencies without a published post in the period
    (those still active: a retired agency has no one to remind)."""
    agencies = [a for a in queries.not_reporting(period) if a.is_active]
    users = list(recipients(agencies))
    with transaction.atomic():
        record = ReminderSent.objects.create(
            sent_by=by,
            period_start=period.start,
            period_end=period.end,
            recipients=len(users),
        )
        record.agencies.set(agencies)
    get_connection().send_messages([_message(user, period) for user in users])
    return record
