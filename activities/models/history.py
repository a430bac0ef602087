"""A post's review history, one row per step of the workflow."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedTextField

from ..workflow import Action, Status
from .activity import Activity


class Transition(models.Model):
    """One step in a post's history: who moved it, when, from which state to which."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    note = NormalizedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()}: {self.activity}"
