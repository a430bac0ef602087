"""The report's tables as headings and cells, shared by the page and the exports."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from jitarsa import thaidate

from . import queries


@dataclass
class Table:
    slug: str
    title: str
    headings: list
    rows: list = field(default_factory=list)
    total: list | None = None
    widths: list = field(default_factory=list)


def _total(label_columns, rows, activities, participants):
    return [_("Total")] + [""] * (label_columns - 1) + [activities, participants]


def agencies(period, totals):
    rows = queries.per_agency(period)
    return Table(
        "agencies",
        _("By agency"),
        [_("Agency"), _("Organisation group"), _("Region"), _("Activities"), _("Participants")],
        [[r.label, r.group, r.region or "", r.activities, r.participants] for r in rows],
        # A joint post counts for each of its agencies above but once in the total.
        _total(3, rows, totals["activities"], totals["participants"]),
        [60, 45, 8, 12, 14],
    )


def groups(period, totals):
    rows = queries.per_group(period)
    return Table(
        "groups",
        _("By organisation group"),
        [_("Organisation group"), _("Activities"), _("Participants")],
        [[r.label, r.activities, r.participants] for r in rows],
        _total(1, rows, totals["activities"], totals["participants"]),
        [55, 12, 14],
    )


def types(period, totals):
    rows = queries.per_type(period)
    return Table(
        "types",
        _("By activity type"),
        [_("Activity type"), _("Activities"), _("Participants")],
        [[r.label, r.activities, r.participants] for r in rows],
        _total(1, rows, totals["activities"], totals["participants"]),
        [35, 12, 14],
    )


def missing(period, totals=None):
    return Table(
        "missing",
        _("Not yet reported"),
        [_("Agency"), _("Organisation group"), _("Region")],
        [
            [a.report_label, a.report_group_label, a.region_number or ""]
            for a in missing_agencies(period)
        ],
        None,
        [60, 45, 8],
    )


def missing_agencies(period):
    return queries.not_reporting(period)


def trend(period, totals=None):
    rows = queries.monthly_trend(period)
    return Table(
        "trend",
        _("Month by month, fiscal year"),
        [_("Month"), _("Activities"), _("Participants")],
        [[thaidate.format_month(*r.label), r.activities, r.participants] for r in rows],
        _total(1, rows, sum(r.activities for r in rows), sum(r.participants for r in rows)),
        [20, 12, 14],
    )


BUILDERS = {
    "agencies": agencies,
    "groups": groups,
    "types": types,
    "missing": missing,
    "trend": trend,
}


def build(period, only=None):
    totals = queries.totals(period)
    chosen = [only] if only else list(BUILDERS)
    return [BUILDERS[slug](period, totals) for slug in chosen]
