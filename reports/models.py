"""What the reports remember: every reminder to an agency, and when reminders go out."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class ReminderSent(models.Model):
    """One reminder to one agency through one channel, recorded before it is sent.

    The unique constraints are what makes "never twice" hold with two workers or a job run
    again: whoever inserts the row sends (reports/reminders.py), everyone else skips it. A
    coordinator's reminder may be repeated on another day, a scheduled one never.
    """

    class Kind(models.TextChoices):
        MANUAL = "manual", _("sent by a coordinator")
        BEFORE_MONTH_END = "before_month_end", _("before the month ends")
        AFTER_MONTH_END = "after_month_end", _("after the month ended (firmer)")

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        LINE = "line", _("LINE")

    class Status(models.TextChoices):
        PENDING = "pending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        NO_RECIPIENTS = "no_recipients", _("nobody to send to")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.EMAIL
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    recipients = models.PositiveIntegerField(
        _("people or chats reached"), null=True, blank=True, help_text=_("Empty: not recorded.")
    )
    # The addresses and LINE IDs reached, so that a second try skips them.
    delivered_to = models.JSONField(_("reached"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty: sent on schedule."),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_on = models.DateField(_("day"), default=timezone.localdate)
    updated_at = models.DateTimeField(_("last try"), auto_now=True)

    class Meta:
        ordering = ["-sent_at", "agency__name"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="reminder_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["agency", "period_start", "period_end", "kind", "channel"],
                condition=~Q(kind="manual"),
                name="scheduled_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["agency", "period_start", "period_end", "kind", "channel", "sent_on"],
                condition=Q(kind="manual"),
                name="manual_reminder_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.period_start}–{self.period_end} {self.kind} {self.channel}"


class ReminderSettings(models.Model):
    """What the daily reminder job does; when it runs is its django-q schedule."""

    is_active = models.BooleanField(_("send reminders on schedule"), default=True)
    days_before_month_end = models.PositiveSmallIntegerField(
        _("first reminder: days before the month ends"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
        help_text=_(
            "Agencies with nothing published or waiting for review in the month are reminded "
            "from this many days before its last day (0: on the last day)."
        ),
    )
    days_after_month_end = models.PositiveSmallIntegerField(
        _("second, firmer reminder: days after the month ended"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Agencies that still have nothing for the month are reminded again then."),
    )

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="reminder_settings_single_row"),
            models.CheckConstraint(
                condition=Q(days_before_month_end__lte=20, days_after_month_end__gte=1)
                & Q(days_after_month_end__lte=20),
                name="reminder_days_in_range",
            ),
        ]

    def __str__(self):
        return str(_("Reminder settings"))

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]
