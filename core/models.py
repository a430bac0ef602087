"""The one table of the ground floor: when the background worker was last seen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """Written every minute by a scheduled task (jitarsa.health.worker_beat): proof that the
    django-q scheduler and a worker both run. /healthz, `check_worker` and the reminders page
    read it (core/worker.py)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        db_table = "jitarsa_heartbeat"  # made by jitarsa's migration 0003, moved here as is
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.seen_at:%Y-%m-%d %H:%M:%S}"
