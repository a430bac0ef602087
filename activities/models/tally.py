"""Counts of published posts kept for the statistics (activities/tallies.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province

from .types import ActivityType


class Tally(models.Model):
    """Published posts counted per month, lead agency, type and province.

    Derived data kept by activities/tallies.py (each change recounts its cells; `manage.py
    recount_statistics` rebuilds them all). The statistics and the home page's totals read
    these rows, at most a few thousand a year whatever the number of posts.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField(_("activities"))
    participants = models.PositiveBigIntegerField(_("participants"))

    class Meta:
        verbose_name = _("statistics tally")
        verbose_name_plural = _("statistics tallies")
        indexes = [
            # tallies.recount (one cell) and every statistics table (one year's rows): with
            # the counts in the index, a year's sums read the index alone (PostgreSQL: 5 -> 2
            # ms for each of the five on /stats/ at 10,000 tallies a year).
            models.Index(
                fields=["year", "month", "agency", "activity_type", "province"],
                include=["activities", "participants"],
                name="tally_cell",
            )
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.agency_id}: {self.activities}"
