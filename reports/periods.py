"""Report periods: a month, a fiscal quarter, a Thai fiscal year or any date range.

The Thai government's fiscal year runs 1 October – 30 September and is named for the
Buddhist-era year it ends in: ปีงบประมาณ 2569 is 1 Oct 2025 – 30 Sep 2026.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core import thaidate
from core.thaidate import BE_OFFSET

MONTH, QUARTER, FISCAL_YEAR, RANGE = "month", "quarter", "year", "range"
# The years a report may cover (2543–2743 BE, as the period form allows): the fiscal-year
# arithmetic around 1 AD or 9999 AD would leave the calendar.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2200, 12, 31)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    label: str
    refused: str = ""  # why the period asked for was not shown, in the user's language

    @property
    def fiscal_year(self):
        """The fiscal year (Common Era year it ends in) the period starts in."""
        return fiscal_year_of(self.start)

    def dates(self):
        return f"{thaidate.format_date(self.start)} – {thaidate.format_date(self.end)}"


def fiscal_year_of(day):
    return day.year + 1 if day.month >= 10 else day.year


def _month_end(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def month(year, month_number):
    return Period(
        datetime.date(year, month_number, 1),
        _month_end(year, month_number),
        thaidate.format_month(year, month_number),
    )


def fiscal_year(year):
    """`year` is the Common Era year the fiscal year ends in."""
    return Period(
        datetime.date(year - 1, 10, 1),
        datetime.date(year, 9, 30),
        _("fiscal year %(year)s") % {"year": thaidate.shown_year(year)},
    )


def quarter(year, number):
    """Fiscal quarters: quarter 1 is October–December of the year before `year`."""
    first_month = (10 + 3 * (number - 1) - 1) % 12 + 1
    start_year = year - 1 if first_month >= 10 else year
    last_month = first_month + 2
    return Period(
        datetime.date(start_year, first_month, 1),
        _month_end(start_year, last_month),
        _("quarter %(quarter)d, fiscal year %(year)s")
        % {"quarter": number, "year": thaidate.shown_year(year)},
    )


def date_range(start, end):
    start, end = min(start, end), max(start, end)
    return Period(start, end, thaidate.format_range(start, end))


def last_full_month(today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return month(first.year, first.month)


def trend_months(period):
    """The twelve (year, month) pairs of the fiscal year the period starts in."""
    year = period.fiscal_year
    return [(year - 1, m) for m in (10, 11, 12)] + [(year, m) for m in range(1, 10)]


def from_query(params, today=None):
    """The period a report's query string asks for; the last full month when unclear (with
    `refused` saying why, when a period was asked for).

    Years in the query string are Buddhist-era years, as the coordinators type them.
    """
    kind = params.get("period", MONTH)
    try:
        if kind == RANGE:
            start = _date(params.get("start", ""))
            end = _date(params.get("end", ""))
            if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
                return _instead(today, _outside_years())
            return date_range(start, end)
        year = int(params.get("year", "")) - BE_OFFSET
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            return _instead(today, _outside_years())
        if kind == FISCAL_YEAR:
            return fiscal_year(year)
        if kind == QUARTER:
            number = int(params.get("quarter", ""))
            if not 1 <= number <= 4:
                raise ValueError
            return quarter(year, number)
        return month(year, int(params.get("month", "")))
    except (ValueError, TypeError):
        if "period" not in params:
            return last_full_month(today)
        return _instead(today, _("The period asked for could not be read."))


def _date(text):
    """A day typed in either era (2565-07-21 or 2022-07-21, 21/07/2565) or refused."""
    found = thaidate.parse_date(text)
    if found is None:
        raise ValueError(text)
    return found


def _outside_years():
    return _("Reports cover dates between %(first)s and %(last)s.") % {
        "first": thaidate.format_date(FIRST_DAY),
        "last": thaidate.format_date(LAST_DAY),
    }


def _instead(today, reason):
    shown = last_full_month(today)
    return dataclasses.replace(
        shown, refused=_("%(reason)s The last full month is shown instead.") % {"reason": reason}
    )
