"""The kinds of activity a post is filed under (the feed's and the statistics' "type")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField
from core.language import is_english


class ActivityTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ActivityType(models.Model):
    name = NormalizedCharField(_("name (Thai)"), max_length=100, unique=True)
    name_en = NormalizedCharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ActivityTypeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return (self.name_en or self.name) if is_english() else self.name
