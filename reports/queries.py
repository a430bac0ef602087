"""The committee's figures, each one GROUP BY in the database.

Counting rules: only published, non-archived posts; the period is by start date (a local
date); a joint post counts for every agency that took part in the per-agency table, but
once in totals and in the group, type and month tables (which go by the leading agency).

Agencies appear as they were at the end of the period (`agencies.history.as_of`): the name
and organisation group of the time, a rename during the period noted, and the agencies
merged in since then named (their posts now count here). An agency retired after the
period began is still listed for it.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from activities import stats
from activities.models import Activity, ActivityType
from activities.workflow import Status
from agencies import history
from agencies.models import Agency

from . import periods


@dataclass
class Row:
    label: str
    activities: int = 0
    participants: int = 0
    group: str = ""
    region: int | None = None
    agency_id: int | None = None


def published_in(period):
    return Activity.objects.public().filter(
        start_date__gte=period.start, start_date__lte=period.end
    )


def _counts(qs, *group_by):
    return (
        qs.order_by()
        .values(*group_by)
        .annotate(activities=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    )


def totals(period):
    return published_in(period).aggregate(
        activities=Count("pk"),
        participants=Coalesce(Sum("participants"), 0),
        agencies=Count("agency", distinct=True),
        hours=Sum("volunteer_hours"),
    )


def per_province(period):
    """{province id: (activities, participants)} by the place of the activity."""
    return stats.province_counts(published_in(period))


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


def _agency_counts(period):
    """{agency id: (activities, participants)}, lead and partner posts together."""
    found = {
        r["agency_id"]: [r["activities"], r["participants"]]
        for r in _counts(published_in(period), "agency_id")
    }
    partners = Activity.partners.through.objects.filter(
        activity__in=published_in(period).values("pk")
    ).exclude(agency_id=F("activity__agency_id"))
    for r in (
        partners.order_by()
        .values("agency_id")
        .annotate(
            activities=Count("activity_id"),
            participants=Coalesce(Sum("activity__participants"), 0),
        )
    ):
        counts = found.setdefault(r["agency_id"], [0, 0])
        counts[0] += r["activities"]
        counts[1] += r["participants"]
    return found


def _agencies(period):
    """Active agencies, and those retired after the period began (a merged agency is left
    out: its posts count for the agency it joined)."""
    return (
        Agency.objects.filter(
            Q(is_active=True) | Q(retired_on__gt=period.start, merged_into__isnull=True)
        )
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


def per_agency(period):
    """Every agency of the period with its figures, sorted by organisation group."""
    found = _agency_counts(period)
    return [
        Row(
            label=agency.report_label,
            activities=found.get(agency.pk, (0, 0))[0],
            participants=found.get(agency.pk, (0, 0))[1],
            group=agency.report_group_label,
            region=agency.region_number,
            agency_id=agency.pk,
        )
        for agency in as_reported(period, _agencies(period))
    ]


def per_group(period):
    """By the group each leading agency was in at the end of the period."""
    by_agency = list(_counts(published_in(period), "agency_id"))
    leads = Agency.objects.filter(pk__in=[r["agency_id"] for r in by_agency])
    group_of = {pk: a.group for pk, a in history.as_of(period.end, list(leads)).items()}
    found = {}
    for r in by_agency:
        counts = found.setdefault(group_of[r["agency_id"]], [0, 0])
        counts[0] += r["activities"]
        counts[1] += r["participants"]
    return [
        Row(
            label=str(label),
            activities=found.get(value, (0, 0))[0],
            participants=found.get(value, (0, 0))[1],
        )
        for value, label in Agency.Group.choices
    ]


def per_type(period):
    found = {r["activity_type"]: r for r in _counts(published_in(period), "activity_type")}
    return [
        Row(
            label=kind.display_name,
            activities=found.get(kind.pk, {}).get("activities", 0),
            participants=found.get(kind.pk, {}).get("participants", 0),
        )
        for kind in ActivityType.objects.filter(Q(is_active=True) | Q(pk__in=list(found)))
    ]


def waiting_in(period):
    return (
        Activity.objects.live()
        .filter(status=Status.SUBMITTED, start_date__gte=period.start, start_date__lte=period.end)
        .order_by()
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
        .exclude(partner_activities__in=published.values("pk"))
        .select_related(None),
    )


def monthly_trend(period):
    """The fiscal year the period starts in, month by month (October first)."""
    months = periods.trend_months(period)
    year = periods.fiscal_year(period.fiscal_year)
    found = {
        (r["year"], r["month"]): r
        for r in _counts(
            published_in(year).annotate(
                year=ExtractYear("start_date"), month=ExtractMonth("start_date")
            ),
            "year",
            "month",
        )
    }
    return [
        Row(
            label=(y, m),
            activities=found.get((y, m), {}).get("activities", 0),
            participants=found.get((y, m), {}).get("participants", 0),
        )
        for y, m in months
    ]
