"""Counting published activities: the one engine behind /stats/, an agency's page, the
committee's report (its page, CSV, XLSX and PDF) and the province maps.

Counting rules: only public posts count (published, not archived), each in the period its
start date (a local date) falls in (`published_between`). A joint post counts once in the
totals and in the month, group, type and province counts, which go by the leading agency
or the place, and for each agency that took part in `agency_counts`.

Every count is one GROUP BY in the database, over the posts themselves or, for whole
calendar months, over their tallies (models.Tally, kept by tallies.py: a few thousand rows
a year whatever the number of posts; the public /stats/ and home read those). The functions
below take either. The figures come back as Rows (a label, the activities and participants,
and the key they were counted by) gathered in Tables, which the pages draw and `to_csv` (or
the report's XLSX) writes cell by cell.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from agencies import history
from agencies.models import Agency
from core import thaidate
from core.spreadsheet import safe_row

from .models import Activity, ActivityType, Tally


@dataclass
class Row:
    label: str
    activities: int = 0
    participants: int = 0
    # What the row counts: a (year, month), an organisation group's value, an ActivityType,
    # a Province or an Agency.
    key: object = None
    # Cells shown between the label and the figures, by name ({"group": …, "region": …}).
    columns: dict = field(default_factory=dict)
    url_query: str = ""  # the public feed filtered to this row
    share: int = 0  # the row's bar: 0–100 of the largest row

    @property
    def activities_shown(self):
        return grouped(self.activities)

    @property
    def participants_shown(self):
        return grouped(self.participants)


def grouped(number):
    """A count as |intcomma writes it in Thai and English ("3,078"), without its locale
    look-up per number: the statistics tables and maps write a few hundred of them."""
    return f"{number:,}"


@dataclass
class Table:
    slug: str
    title: str
    label_heading: str
    rows: list = field(default_factory=list)
    column_headings: tuple = ()  # of the row's `columns`, in their order
    counted: bool = True  # False: a list without figures (the agencies yet to report)
    # (activities, participants) when it is not the sum of the rows: a joint post is in the
    # rows of each of its agencies but counts once in the total.
    total: tuple | None = None
    widths: tuple = ()  # of the columns in the XLSX download

    @property
    def total_activities(self):
        return self.total[0] if self.total else sum(r.activities for r in self.rows)

    @property
    def total_participants(self):
        return self.total[1] if self.total else sum(r.participants for r in self.rows)

    @property
    def headings(self):
        figures = (_("Activities"), _("Participants")) if self.counted else ()
        return [self.label_heading, *self.column_headings, *figures]

    @property
    def cells(self):
        """Each row as the list of its cells."""
        return [self._cells(row) for row in self.rows]

    def _cells(self, row):
        figures = [row.activities, row.participants] if self.counted else []
        return [row.label, *row.columns.values(), *figures]

    @property
    def total_cells(self):
        if not self.counted:
            return None
        blanks = [""] * len(self.column_headings)
        return [_("Total"), *blanks, self.total_activities, self.total_participants]

    def lines(self):
        """The headings, the rows and the total as lists of cells, as the downloads hold them."""
        yield self.headings
        yield from self.cells
        if self.total_cells:
            yield self.total_cells


def to_csv(table):
    """The table as CSV: UTF-8 with a BOM (so Excel reads the Thai), formulas neutralised."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for line in table.lines():
        writer.writerow(safe_row(line))
    return out.getvalue().encode("utf-8")


def published_between(start, end):
    """The posts counted for the days from `start` to `end` (both included)."""
    return Activity.objects.public().filter(start_date__gte=start, start_date__lte=end)


def tallied_between(start, end):
    """The tallies of the whole months from `start`'s to `end`'s: what published_between
    counts when the period is made of calendar months. Within one year, one range of the
    tallies' index (PostgreSQL ORed two for the statistics of a year)."""
    if start.year == end.year:
        return Tally.objects.filter(year=start.year, month__gte=start.month, month__lte=end.month)
    months = Q(year__gt=start.year) | Q(year=start.year, month__gte=start.month)
    months &= Q(year__lt=end.year) | Q(year=end.year, month__lte=end.month)
    return Tally.objects.filter(months)


def _figures(rows):
    """How to count `rows`: posts one each, tallies by what they hold."""
    if rows.model is Tally:
        return {
            "activities": Coalesce(Sum("activities"), 0),
            "participants": Coalesce(Sum("participants"), 0),
        }
    return {"activities": Count("pk"), "participants": Coalesce(Sum("participants"), 0)}


def _counted(rows, *group_by):
    return rows.order_by().values(*group_by).annotate(**_figures(rows))


def _found(posts, *group_by):
    """{value of `group_by` (a tuple when several): (activities, participants)}."""
    found = {}
    for r in _counted(posts, *group_by):
        key = tuple(r[name] for name in group_by)
        found[key if len(key) > 1 else key[0]] = (r["activities"], r["participants"])
    return found


def totals(rows):
    """Activities, participants, agencies that led one (and, from posts, volunteer hours)."""
    hours = {} if rows.model is Tally else {"hours": Sum("volunteer_hours")}
    return rows.aggregate(**_figures(rows), agencies=Count("agency", distinct=True), **hours)


def with_shares(rows):
    """The rows, each given its bar (`share`) against the largest."""
    top = max((r.activities for r in rows), default=0)
    for r in rows:
        r.share = round(100 * r.activities / top) if top else 0
    return rows


def by_month(posts, months, *, label=thaidate.format_month):
    """A row per (year, month) of `months`, in that order, labelled `label(year, month)`."""
    if posts.model is not Tally:
        posts = posts.annotate(year=ExtractYear("start_date"), month=ExtractMonth("start_date"))
    found = _found(posts, "year", "month")
    return [Row(label(y, m), *found.get((y, m), (0, 0)), key=(y, m)) for y, m in months]


def by_group(posts, *, as_of=None):
    """A row per organisation group, by the group of each post's leading agency: the one it
    is in now, or, given `as_of`, the one it was in on that day (agencies.history)."""
    if as_of is None:
        found = _found(posts, "agency__group")
    else:
        by_agency = _found(posts, "agency_id")
        leads = Agency.objects.filter(pk__in=list(by_agency))
        group_of = {pk: a.group for pk, a in history.as_of(as_of, list(leads)).items()}
        found = {}
        for pk, (activities, participants) in by_agency.items():
            counts = found.get(group_of[pk], (0, 0))
            found[group_of[pk]] = (counts[0] + activities, counts[1] + participants)
    return [
        Row(str(label), *found.get(value, (0, 0)), key=value)
        for value, label in Agency.Group.choices
    ]


def by_type(posts):
    """A row per active activity type, and per retired type the posts still use."""
    found = _found(posts, "activity_type")
    kinds = ActivityType.objects.active() | ActivityType.objects.filter(pk__in=list(found))
    return [Row(kind.display_name, *found.get(kind.pk, (0, 0)), key=kind) for kind in kinds]


def province_counts(posts):
    """{province id: (activities, participants)} of the posts that name a province."""
    return _found(posts.filter(province__isnull=False), "province_id")


def by_province(posts, provinces):
    """A row per province of `provinces` where something happened, busiest first."""
    counts = province_counts(posts)
    shown = sorted(
        (p for p in provinces if p.pk in counts), key=lambda p: (-counts[p.pk][0], p.name)
    )
    return [Row(p.display_name, *counts[p.pk], key=p) for p in shown]


def agency_counts(posts):
    """{agency id: (activities, participants)}: a joint post counts for its leading agency
    and for each partner."""
    found = _found(posts, "agency_id")
    partners = Activity.partners.through.objects.filter(activity__in=posts.values("pk")).exclude(
        agency_id=F("activity__agency_id")
    )
    for r in (
        partners.order_by()
        .values("agency_id")
        .annotate(
            activities=Count("activity_id"),
            participants=Coalesce(Sum("activity__participants"), 0),
        )
    ):
        counts = found.get(r["agency_id"], (0, 0))
        found[r["agency_id"]] = (counts[0] + r["activities"], counts[1] + r["participants"])
    return found
