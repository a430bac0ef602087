"""Buddhist-era dates: "21 กรกฎาคม 2565" in Thai, "21 July 2022" in English.

Datetimes are shown in Asia/Bangkok time, so an event at 23:30 UTC on 31 December
is already 1 January of the next Thai year.
"""

import datetime
import re

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


# ---- Reading dates as Thai staff type them ----------------------------------------------
# A year this large can only be Buddhist-era: the Common Era will not reach it for centuries,
# and the Buddhist era passed it long ago (2400 BE = 1857 CE).
BE_THRESHOLD = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s]+)\s*(\d{2}|\d{4})$")


def ce_year(year):
    """The Common-Era year of a year as typed: Buddhist-era from 2400 up, otherwise as is.
    Two digits are the short Buddhist-era year Thai writing uses ("21 ก.ค. 65" is 2565)."""
    if year < 100:
        year += 2500
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


def month_number(text):
    """1–12 for a month as typed: a number, a Thai or English name, short or long."""
    text = text.strip().rstrip(".").lower().replace(" ", "")
    if text.isascii() and text.isdigit():  # "²" passes isdigit() but int() refuses it
        number = int(text)
        return number if 1 <= number <= 12 else None
    for names in (THAI_MONTHS, THAI_MONTHS_SHORT, ENGLISH_MONTHS):
        for number, name in enumerate(names, start=1):
            name = name.rstrip(".").lower().replace(" ", "")
            english_prefix = names is ENGLISH_MONTHS and len(text) >= 3 and name.startswith(text)
            if text == name or english_prefix:
                return number
    return None


def make_date(year, month, day):
    """A date from typed parts (strings or numbers), the year read by ce_year; None if the
    parts name no real day (31 April, 29 February of a common year, a month 13)."""
    try:
        year, day = int(str(year).translate(_THAI_DIGITS)), int(str(day).translate(_THAI_DIGITS))
    except (TypeError, ValueError):
        return None
    number = month if isinstance(month, int) else month_number(str(month).translate(_THAI_DIGITS))
    if number is None or year < 0:
        return None
    try:
        return datetime.date(ce_year(year), number, day)
    except ValueError:
        return None


def parse_date(text):
    """A date typed by a person, or None: 21/07/2565, 21-7-2022, 21 ก.ค. 65, 21 กรกฎาคม 2565,
    ๒๑/๐๗/๒๕๖๕, or ISO 2565-07-21 as a native date field sends it (a Buddhist-era year
    typed into a browser's date field arrives as a Common-Era year 543 years too far)."""
    text = " ".join(str(text or "").translate(_THAI_DIGITS).split())
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return make_date(year, month, day)
    if match := _NUMERIC.match(text) or _WORDS.match(text):
        day, month, year = match.groups()
        return make_date(year, month, day)
    return None
