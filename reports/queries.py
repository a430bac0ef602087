"""The committee's figures for a report period, counted by activities.figures.

Counting rules: those of activities.figures (published, non-archived posts by start date;
a joint post counts for every agency that took part in the per-agency table, but once in
totals and in the group, type and month tables, which go by the leading agency). The
group table goes by the group each leading agency was in at the end of the period.

Agencies appear as they were at the end of the period (`agencies.history.as_of`): the name
and organisation group of the time, a rename during the period noted, and the agencies
merged in since then named (their posts now count here). An agency retired after the
period began is still listed for it.
"""

from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from activities import figures
from activities.figures import Row
from activities.models import Activity
from agencies import history
from agencies.models import Agency

from . import periods


def published_in(period):
    return figures.published_between(period.start, period.end)


def totals(period):
    return figures.totals(published_in(period))


def per_province(period):
    """{province id: (activities, participants)} by the place of the activity."""
    return figures.province_counts(published_in(period))


FEATURED_MAX = 12


def featured(period, picked=None):
    """The posts the PDF shows in full: those picked on the report page, else the featured ones."""
    chosen = published_in(period)
    chosen = chosen.filter(pk__in=picked) if picked else chosen.filter(is_featured=True)
    return list(
        chosen.select_related("agency", "province", "activity_type")
        .with_cover()
        .order_by("start_date", "pk")[:FEATURED_MAX]
    )


def candidates(period, limit=40):
    """Posts a coordinator may pick for the PDF: featured ones first, then the largest."""
    return list(
        published_in(period)
        .select_related("agency")
        .order_by("-is_featured", "-participants", "-start_date", "-pk")[:limit]
    )


def _agencies(period):
    """Active agencies, and those retired after the period began (a merged agency is left
    out: its posts count for the agency it joined)."""
    retired_since = Agency.objects.filter(retired_on__gt=period.start, merged_into__isnull=True)
    return (
        (Agency.objects.active() | retired_since)
        .annotate(region_number=Coalesce("region", "province__region"))
        .order_by("group", "order", "name")
    )


def _label(end, start):
    label = end.display_name
    if start.display_name != label:
        label = _("%(name)s (formerly %(former)s)") % {
            "name": label,
            "former": start.display_name,
        }
    if start.merged:
        names = ", ".join(m.display_name for m in start.merged)
        label = _("%(name)s (including %(merged)s)") % {"name": label, "merged": names}
    return label


def as_reported(period, agencies):
    """The agencies, each given `report_label`, `report_group` and `report_group_label` as
    the report shows them for the period, sorted by that group."""
    timeline = history.Timeline(agencies, since=period.start)
    agencies = timeline.agencies
    end, start = timeline.on(period.end), timeline.on(period.start)
    order = {value: index for index, value in enumerate(Agency.Group.values)}
    for agency in agencies:
        agency.report_label = _label(end[agency.pk], start[agency.pk])
        agency.report_group = end[agency.pk].group
        agency.report_group_label = end[agency.pk].group_label
    return sorted(agencies, key=lambda a: (order.get(a.report_group, 99), a.order, a.name))


def _row(agency, counts=(0, 0)):
    columns = {"group": agency.report_group_label, "region": agency.region_number or ""}
    return Row(agency.report_label, *counts, key=agency, columns=columns)


def per_agency(period):
    """Every agency of the period with its figures, sorted by organisation group."""
    found = figures.agency_counts(published_in(period))
    return [
        _row(agency, found.get(agency.pk, (0, 0)))
        for agency in as_reported(period, _agencies(period))
    ]


def per_group(period):
    """By the group each leading agency was in at the end of the period."""
    return figures.by_group(published_in(period), as_of=period.end)


def per_type(period):
    return figures.by_type(published_in(period))


def waiting_in(period):
    return Activity.objects.waiting().filter(
        start_date__gte=period.start, start_date__lte=period.end
    )


def not_reporting(period, *, waiting_counts=False):
    """The period's agencies that neither led nor joined a published activity in it (nor,
    with `waiting_counts`, one waiting for review: those agencies are not reminded), as
    `as_reported` describes them."""
    published = published_in(period)
    if waiting_counts:
        published = published | waiting_in(period)
    return as_reported(
        period,
        _agencies(period)
        .exclude(pk__in=published.values("agency_id"))
        .exclude(partner_activities__in=published.values("pk")),
    )


def missing(period):
    """`not_reporting` as rows without figures."""
    return [_row(agency) for agency in not_reporting(period)]


def monthly_trend(period):
    """The fiscal year the period starts in, month by month (October first)."""
    year = periods.fiscal_year(period.fiscal_year)
    return figures.by_month(published_in(year), periods.trend_months(period))
