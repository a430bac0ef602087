"""Public statistics of published activities for one calendar year (shown in the Buddhist era).

Every table is one GROUP BY in the database; the rows carry what the page needs to draw a
bar (`share`, 0–100 of the largest row) and what the CSV needs.
"""

import csv
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province
from jitarsa.spreadsheet import safe_row
from jitarsa.thaidate import BE_OFFSET, is_thai, month_name

from . import provincemap
from .models import Activity, ActivityType


@dataclass
class Row:
    label: str
    activities: int
    participants: int
    url_query: str = ""
    share: int = 0
    key: object = None  # what the row counts (a province's code for the map)


@dataclass
class Table:
    slug: str
    title: str
    label_heading: str
    rows: list = field(default_factory=list)
    provinces: list = field(default_factory=list)  # the province table's provinces, for the map

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


def _published(year):
    return Activity.objects.public().filter(start_date__year=year)


def _counted(qs, *group_by):
    return (
        qs.order_by()
        .values(*group_by)
        .annotate(activities=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    )


def _with_shares(rows):
    top = max((r.activities for r in rows), default=0)
    for r in rows:
        r.share = round(100 * r.activities / top) if top else 0
    return rows


def by_month(year):
    found = {
        r["month"]: r
        for r in _counted(_published(year).annotate(month=ExtractMonth("start_date")), "month")
    }
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
    found = {r["agency__group"]: r for r in _counted(_published(year), "agency__group")}
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
    found = {r["activity_type"]: r for r in _counted(_published(year), "activity_type")}
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


def province_counts(queryset):
    """{province id: (activities, participants)} of the posts in `queryset` that name one."""
    return {
        r["province_id"]: (r["activities"], r["participants"])
        for r in _counted(queryset.filter(province__isnull=False), "province_id")
    }


def by_province(year):
    """Provinces where something happened this year, busiest first."""
    be = year + BE_OFFSET
    counts = province_counts(_published(year))
    provinces = list(Province.objects.all())  # all 77: the map draws them from this table
    rows = [
        Row(
            label=p.display_name,
            activities=counts[p.pk][0],
            participants=counts[p.pk][1],
            url_query=f"year={be}&province={p.slug}",
            key=p.pk,
        )
        for p in sorted(provinces, key=lambda p: (-counts.get(p.pk, (0,))[0], p.name))
        if p.pk in counts
    ]
    return Table(
        "provinces", TABLES["provinces"], _("Province"), _with_shares(rows), provinces=provinces
    )


def shown_year(year):
    """2569 in Thai, 2026 in English."""
    return year + BE_OFFSET if is_thai(None) else year


def year_map(tables, year):
    """The map of /stats/, drawn from the page's province table (no second count)."""
    provinces = next(t for t in tables if t.slug == "provinces")
    be = year + BE_OFFSET
    return provincemap.build(
        {r.key: (r.activities, r.participants) for r in provinces.rows},
        title=_("Volunteer activities by province, %(year)s") % {"year": shown_year(year)},
        link=provincemap.feed_link(year=be),
        provinces=provinces.provinces,
    )


def agency_map(agency, year):
    """An agency's page maps its education region: every post in the region's provinces
    this year. An agency without a region (a central office) maps where its own posts were."""
    be = year + BE_OFFSET
    region = agency.region or (agency.province.region if agency.province else None)
    published = _published(year)
    if region:
        return provincemap.build(
            province_counts(published.filter(province__region=region)),
            title=_("Volunteer activities in education region %(region)s, %(year)s")
            % {"region": region, "year": shown_year(year)},
            link=provincemap.feed_link(year=be),
            region=region,
        )
    return provincemap.build(
        province_counts(published.involving(agency)),
        title=_("Where %(agency)s volunteered, %(year)s")
        % {"agency": agency.short_name, "year": shown_year(year)},
        link=provincemap.feed_link(year=be, agency=agency.slug),
    )


BUILDERS = {"months": by_month, "groups": by_group, "types": by_type, "provinces": by_province}


def totals(year):
    return _published(year).aggregate(
        activities=Count("pk"),
        participants=Coalesce(Sum("participants"), 0),
        agencies=Count("agency", distinct=True),
    )


def years_with_activities():
    """Years (Common Era, newest first) with at least one published activity."""
    dates = Activity.objects.public().dates("start_date", "year", order="DESC")
    return sorted({d.year for d in dates} | {this_year()}, reverse=True)


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
