"""Public statistics of published activities for one calendar year (shown in the Buddhist era).

Every table is one GROUP BY over that year's tallies (models.Tally, kept by tallies.py: a
few thousand rows a year, never the posts themselves); the rows carry what the page needs
to draw a bar (`share`, 0–100 of the largest row) and what the CSV needs.
"""

import csv
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from jitarsa.spreadsheet import safe_row
from jitarsa.thaidate import BE_OFFSET, month_name

from .models import ActivityType, Tally


@dataclass
class Row:
    label: str
    activities: int
    participants: int
    url_query: str = ""
    share: int = 0


@dataclass
class Table:
    slug: str
    title: str
    label_heading: str
    rows: list = field(default_factory=list)

    @property
    def total_activities(self):
        return sum(r.activities for r in self.rows)

    @property
    def total_participants(self):
        return sum(r.participants for r in self.rows)


TABLES = {
    "months": _("By month"),
    "groups": _("By organisation group"),
    "types": _("By activity type"),
    "provinces": _("By province"),
}


def this_year():
    return timezone.localdate().year


def _tallied(year):
    return Tally.objects.filter(year=year)


def _counted(qs, *group_by):
    return (
        qs.order_by()
        .values(*group_by)
        .annotate(activities=Sum("activities"), participants=Coalesce(Sum("participants"), 0))
    )


def _with_shares(rows):
    top = max((r.activities for r in rows), default=0)
    for r in rows:
        r.share = round(100 * r.activities / top) if top else 0
    return rows


def by_month(year):
    found = {r["month"]: r for r in _counted(_tallied(year), "month")}
    be = year + BE_OFFSET
    rows = [
        Row(
            label=month_name(m),
            activities=found.get(m, {}).get("activities", 0),
            participants=found.get(m, {}).get("participants", 0),
            url_query=f"year={be}&month={m}",
        )
        for m in range(1, 13)
    ]
    return Table("months", TABLES["months"], _("Month"), _with_shares(rows))


def by_group(year):
    found = {r["agency__group"]: r for r in _counted(_tallied(year), "agency__group")}
    be = year + BE_OFFSET
    rows = [
        Row(
            label=str(label),
            activities=found.get(value, {}).get("activities", 0),
            participants=found.get(value, {}).get("participants", 0),
            url_query=f"year={be}&group={value}",
        )
        for value, label in Agency.Group.choices
    ]
    return Table("groups", TABLES["groups"], _("Organisation group"), _with_shares(rows))


def by_type(year):
    found = {r["activity_type"]: r for r in _counted(_tallied(year), "activity_type")}
    be = year + BE_OFFSET
    rows = [
        Row(
            label=t.display_name,
            activities=found.get(t.pk, {}).get("activities", 0),
            participants=found.get(t.pk, {}).get("participants", 0),
            url_query=f"year={be}&type={t.slug}",
        )
        for t in ActivityType.objects.filter(Q(is_active=True) | Q(pk__in=found))
    ]
    return Table("types", TABLES["types"], _("Activity type"), _with_shares(rows))


def by_province(year):
    """Provinces where something happened this year, busiest first."""
    be = year + BE_OFFSET
    counted = _counted(
        _tallied(year).filter(province__isnull=False),
        "province__slug",
        "province__name",
        "province__name_en",
    ).order_by("-activities", "province__name")
    english = _english()
    rows = [
        Row(
            label=(r["province__name_en"] if english else r["province__name"]),
            activities=r["activities"],
            participants=r["participants"],
            url_query=f"year={be}&province={r['province__slug']}",
        )
        for r in counted
    ]
    return Table("provinces", TABLES["provinces"], _("Province"), _with_shares(rows))


def _english():
    return (get_language() or "th").startswith("en")


BUILDERS = {"months": by_month, "groups": by_group, "types": by_type, "provinces": by_province}


def totals(year):
    return _tallied(year).aggregate(
        activities=Coalesce(Sum("activities"), 0),
        participants=Coalesce(Sum("participants"), 0),
        agencies=Count("agency", distinct=True),
    )


def years_with_activities():
    """Years (Common Era, newest first) from the first published activity's to this one;
    the first and last are read from the tallies' index, not by listing every tally."""
    span = Tally.objects.aggregate(first=Min("year"), last=Max("year"))
    first, last = span["first"] or this_year(), max(span["last"] or 0, this_year())
    return list(range(last, min(first, this_year()) - 1, -1))


def agency_totals(queryset):
    return queryset.aggregate(
        activities=Count("pk"),
        participants=Coalesce(Sum("participants"), 0),
        hours=Sum("volunteer_hours"),
    )


def all_tables(year):
    return [build(year) for build in BUILDERS.values()]


def csv_response(table, year):
    be = year + BE_OFFSET
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jitarsa-{table.slug}-{be}.csv"'
    response.write("\ufeff")  # a BOM so Excel opens the Thai text as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(table.label_heading), str(_("Activities")), str(_("Participants"))])
    for row in table.rows:
        writer.writerow(safe_row([row.label, row.activities, row.participants]))
    writer.writerow([str(_("Total")), table.total_activities, table.total_participants])
    return response
