"""The committee's figures, each one GROUP BY in the database.

Counting rules: only published, non-archived posts; the period is by start date (a local
date); a joint post counts for every agency that took part in the per-agency table, but
once in totals and in the group, type and month tables (which go by the leading agency).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from activities.models import Activity, ActivityType
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


def _agencies():
    return (
        Agency.objects.filter(is_active=True)
        .annotate(region_number=Coalesce("region", "province__region"))
        .order_by("group", "order", "name")
    )


def _group_order():
    return {value: index for index, (value, _label) in enumerate(Agency.Group.choices)}


def per_agency(period):
    """Every active agency with its figures, sorted by organisation group."""
    found = _agency_counts(period)
    order = _group_order()
    rows = [
        Row(
            label=agency.display_name,
            activities=found.get(agency.pk, (0, 0))[0],
            participants=found.get(agency.pk, (0, 0))[1],
            group=agency.get_group_display(),
            region=agency.region_number,
            agency_id=agency.pk,
        )
        for agency in sorted(_agencies(), key=lambda a: (order.get(a.group, 99), a.order, a.name))
    ]
    return rows


def per_group(period):
    found = {r["agency__group"]: r for r in _counts(published_in(period), "agency__group")}
    return [
        Row(
            label=str(label),
            activities=found.get(value, {}).get("activities", 0),
            participants=found.get(value, {}).get("participants", 0),
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
        Activity.objects.waiting_for_review()
        .filter(start_date__gte=period.start, start_date__lte=period.end)
        .order_by()
    )


def not_reporting(period, *, waiting_counts=False):
    """Active agencies that neither led nor joined a published activity in the period (nor,
    with `waiting_counts`, one waiting for review: those agencies are not reminded)."""
    published = published_in(period)
    if waiting_counts:
        published = published | waiting_in(period)
    return list(
        _agencies()
        .exclude(pk__in=published.values("agency_id"))
        .exclude(partner_activities__in=published.values("pk"))
        .select_related(None)
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
