"""The public figures of one calendar year (shown in the Buddhist era): the four tables and
the map of /stats/, the home page's totals and an agency's map, counted by
activities.figures over the year's tallies (models.Tally: a few thousand rows a year, never
the posts themselves, so an uncached /stats/ costs milliseconds at any number of posts).
Each row links to the feed filtered to it and carries its bar.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Max, Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Province
from core import thaidate

from . import figures, provincemap
from .models import Tally

TABLES = {
    "months": _("By month"),
    "groups": _("By organisation group"),
    "types": _("By activity type"),
    "provinces": _("By province"),
}


@dataclass
class ProvinceTable(figures.Table):
    provinces: list = field(default_factory=list)  # all 77, for the map drawn beside it


def this_year():
    return timezone.localdate().year


def _tallied(year):
    return figures.tallied_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _published(year):
    return figures.published_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _linked(rows, year, query):
    """The rows with their bars and their links to the feed (`query(row.key)`)."""
    for row in rows:
        row.url_query = f"year={thaidate.be_year(year)}&{query(row.key)}"
    return figures.with_shares(rows)


def by_month(year):
    months = [(year, month) for month in range(1, 13)]
    rows = figures.by_month(_tallied(year), months, label=lambda y, m: thaidate.month_name(m))
    rows = _linked(rows, year, lambda key: f"month={key[1]}")
    return figures.Table("months", TABLES["months"], _("Month"), rows)


def by_group(year):
    rows = _linked(figures.by_group(_tallied(year)), year, lambda key: f"group={key}")
    return figures.Table("groups", TABLES["groups"], _("Organisation group"), rows)


def by_type(year):
    rows = _linked(figures.by_type(_tallied(year)), year, lambda key: f"type={key.slug}")
    return figures.Table("types", TABLES["types"], _("Activity type"), rows)


def by_province(year):
    """Provinces where something happened this year, busiest first."""
    provinces = list(Province.objects.all())  # all 77: the map draws them from this table
    rows = figures.by_province(_tallied(year), provinces)
    rows = _linked(rows, year, lambda key: f"province={key.slug}")
    return ProvinceTable("provinces", TABLES["provinces"], _("Province"), rows, provinces=provinces)


def year_map(tables, year):
    """The map of /stats/, drawn from the page's province table (no second count)."""
    provinces = next(t for t in tables if t.slug == "provinces")
    return provincemap.build(
        {r.key.pk: (r.activities, r.participants) for r in provinces.rows},
        title=_("Volunteer activities by province, %(year)s") % {"year": thaidate.shown_year(year)},
        link=provincemap.feed_link(year=thaidate.be_year(year)),
        provinces=provinces.provinces,
    )


AGENCY_MAP_KEPT = 24 * 3600  # the drawn map is kept under what it shows (agencies/detail.html)


def _map_region(agency):
    return agency.region or (agency.province.region if agency.province else None)


def agency_map_counts(agency, year):
    """What an agency's page maps: every post in its education region's provinces this
    year; for an agency without a region (a central office), where its own posts were.
    {province id: (activities, participants)}."""
    region = _map_region(agency)
    if region:
        return figures.province_counts(_tallied(year).filter(province__region=region))
    return figures.province_counts(_published(year).involving(agency))


def agency_map(agency, year, counts):
    """The map of `counts` (agency_map_counts) on the agency's page."""
    region = _map_region(agency)
    if region:
        return provincemap.build(
            counts,
            title=_("Volunteer activities in education region %(region)s, %(year)s")
            % {"region": region, "year": thaidate.shown_year(year)},
            link=provincemap.feed_link(year=thaidate.be_year(year)),
            region=region,
        )
    return provincemap.build(
        counts,
        title=_("Where %(agency)s volunteered, %(year)s")
        % {"agency": agency.short_name, "year": thaidate.shown_year(year)},
        link=provincemap.feed_link(year=thaidate.be_year(year), agency=agency.slug),
    )


BUILDERS = {"months": by_month, "groups": by_group, "types": by_type, "provinces": by_province}


def totals(year):
    return figures.totals(_tallied(year))


def years_with_activities():
    """Years (Common Era, newest first) from the first published activity's to this one;
    the first and last are read from the tallies' index, not by listing every tally."""
    span = Tally.objects.aggregate(first=Min("year"), last=Max("year"))
    first, last = span["first"] or this_year(), max(span["last"] or 0, this_year())
    return list(range(last, min(first, this_year()) - 1, -1))


def all_tables(year):
    return [build(year) for build in BUILDERS.values()]


class YearPage:
    """What /stats/ shows of one year, counted only when the template asks: the page keeps
    the figures' part in a fragment per year, language and content version, so a render of
    the page (a year not asked since the last change, the page cache off) reads no tally."""

    def __init__(self, year):
        self.year = year

    @cached_property
    def tables(self):
        return all_tables(self.year)

    @cached_property
    def totals(self):
        return totals(self.year)

    @cached_property
    def map(self):
        return year_map(self.tables, self.year)


def csv_response(table, year):
    response = HttpResponse(figures.to_csv(table), content_type="text/csv; charset=utf-8")
    filename = f"jitarsa-{table.slug}-{thaidate.be_year(year)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
