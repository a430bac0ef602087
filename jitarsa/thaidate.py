"""Buddhist-era dates: "21 กรกฎาคม 2565" in Thai, "21 July 2022" in English.

Datetimes are shown in Asia/Bangkok time, so an event at 23:30 UTC on 31 December
is already 1 January of the next Thai year.
"""

import datetime

from django.utils import timezone

from .language import is_english

# The Buddhist era runs 543 years ahead of the Common Era.
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def to_local_date(value):
    """A date for display: aware datetimes converted to Asia/Bangkok first."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def be_year(year):
    return year + BE_OFFSET


def shown_year(year, lang=None):
    """A Common-Era year as the reader counts it: 2565 in Thai, 2022 in English."""
    return year if is_english(lang) else be_year(year)


def month_name(month, short=False, lang=None):
    if is_english(lang):
        name = ENGLISH_MONTHS[month - 1]
        return name[:3] if short else name
    return (THAI_MONTHS_SHORT if short else THAI_MONTHS)[month - 1]


def format_date(value, short=False, lang=None):
    """21 กรกฎาคม 2565 (short: 21 ก.ค. 2565); in English 21 July 2022 (short: 21 Jul 2022)."""
    if value in (None, ""):
        return ""
    day = to_local_date(value)
    return f"{day.day} {month_name(day.month, short, lang)} {shown_year(day.year, lang)}"


def format_datetime(value, short=False, lang=None):
    """The date followed by the Bangkok time: 1 มกราคม 2566 06:30 น."""
    if value in (None, ""):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = "" if is_english(lang) else " น."
    return f"{format_date(local, short, lang)} {local:%H:%M}{suffix}"


def format_month(year, month, short=False, lang=None):
    """กรกฎาคม 2565 / July 2022."""
    return f"{month_name(month, short, lang)} {shown_year(year, lang)}"


def format_range(start, end=None, short=False, lang=None):
    """One date, or a range shortened where the month or year repeats: 1–3 ก.ค. 2565."""
    if not end or to_local_date(end) == to_local_date(start):
        return format_date(start, short, lang)
    first, last = to_local_date(start), to_local_date(end)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_date(last, short, lang)}"
    if first.year == last.year:
        return (
            f"{first.day} {month_name(first.month, short, lang)} – {format_date(last, short, lang)}"
        )
    return f"{format_date(first, short, lang)} – {format_date(last, short, lang)}"
