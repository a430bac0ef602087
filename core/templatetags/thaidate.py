"""Template filters for Buddhist-era dates: {{ value|thaidate }}, {{ value|thaidate:"short" }}."""

from django import template

from core import thaidate as td

register = template.Library()


@register.filter
def thaidate(value, style=""):
    return td.format_date(value, short=style == "short")


@register.filter
def thaidatetime(value, style=""):
    return td.format_datetime(value, short=style == "short")


@register.filter
def thaiyear(value):
    """A Common-Era year (or date) as shown to the reader: 2565 in Thai, 2022 in English."""
    if value in (None, ""):
        return ""
    year = getattr(td.to_local_date(value), "year", value)
    return td.shown_year(int(year))


@register.simple_tag
def thaidaterange(start, end=None, style=""):
    return td.format_range(start, end, short=style == "short")
