"""What the reports remember: which agencies were reminded to report, by whom and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class ReminderSent(models.Model):
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    agencies = models.ManyToManyField(Agency, verbose_name=_("agencies reminded"))
    recipients = models.PositiveIntegerField(_("e-mails sent"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="reminder_period_in_order",
            )
        ]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d} {self.period_start}–{self.period_end}"
