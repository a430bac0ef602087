"""The report's tables (activities.figures.Table), shared by the page and the downloads."""

from django.utils.translation import gettext_lazy as _

from activities.figures import Table

from . import queries

AGENCY_COLUMNS = (_("Organisation group"), _("Region"))


def agencies(period, totals=None):
    totals = totals or queries.totals(period)
    return Table(
        "agencies",
        _("By agency"),
        _("Agency"),
        queries.per_agency(period),
        column_headings=AGENCY_COLUMNS,
        # A joint post counts for each of its agencies above but once in the total.
        total=(totals["activities"], totals["participants"]),
        widths=(60, 45, 8, 12, 14),
    )


def groups(period):
    rows = queries.per_group(period)
    return Table(
        "groups", _("By organisation group"), _("Organisation group"), rows, widths=(55, 12, 14)
    )


def types(period):
    rows = queries.per_type(period)
    return Table("types", _("By activity type"), _("Activity type"), rows, widths=(35, 12, 14))


def missing(period):
    return Table(
        "missing",
        _("Not yet reported"),
        _("Agency"),
        queries.missing(period),
        column_headings=AGENCY_COLUMNS,
        counted=False,
        widths=(60, 45, 8),
    )


def trend(period):
    rows = queries.monthly_trend(period)
    return Table("trend", _("Month by month, fiscal year"), _("Month"), rows, widths=(20, 12, 14))


BUILDERS = {
    "agencies": agencies,
    "groups": groups,
    "types": types,
    "missing": missing,
    "trend": trend,
}


def build(period, only=None):
    chosen = [only] if only else list(BUILDERS)
    return [BUILDERS[slug](period) for slug in chosen]
