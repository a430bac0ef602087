import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.thaidate import (
    ce_year,
    format_date,
    format_datetime,
    format_month,
    format_range,
    parse_date,
)

UTC = datetime.UTC
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


def test_thai_long_date_uses_buddhist_era():
    assert format_date(datetime.date(2022, 7, 21)) == "21 กรกฎาคม 2565"


def test_thai_short_date():
    assert format_date(datetime.date(2022, 7, 21), short=True) == "21 ก.ค. 2565"


def test_english_date_uses_common_era():
    with translation.override("en"):
        assert format_date(datetime.date(2022, 7, 21)) == "21 July 2022"


def test_late_utc_evening_on_new_years_eve_is_next_thai_year():
    moment = datetime.datetime(2022, 12, 31, 23, 30, tzinfo=UTC)
    assert format_date(moment) == "1 มกราคม 2566"


def test_utc_morning_of_new_years_day_still_shows_january():
    moment = datetime.datetime(2023, 1, 1, 0, 30, tzinfo=UTC)
    assert format_date(moment) == "1 มกราคม 2566"


def test_last_day_of_month_rolls_into_next_month_in_bangkok():
    moment = datetime.datetime(2024, 2, 29, 18, 0, tzinfo=UTC)
    assert format_date(moment, short=True) == "1 มี.ค. 2567"


def test_datetime_shows_bangkok_time():
    moment = datetime.datetime(2022, 12, 31, 23, 30, tzinfo=UTC)
    assert format_datetime(moment) == "1 มกราคม 2566 06:30 น."


def test_month_label():
    assert format_month(2025, 12) == "ธันวาคม 2568"


def test_range_within_a_month_is_shortened():
    assert format_range(datetime.date(2022, 7, 1), datetime.date(2022, 7, 3)) == (
        "1–3 กรกฎาคม 2565"
    )


def test_range_across_years_shows_both_years():
    text = format_range(datetime.date(2022, 12, 30), datetime.date(2023, 1, 2), short=True)
    assert text == "30 ธ.ค. 2565 – 2 ม.ค. 2566"


def test_template_filter_renders_thai_date():
    rendered = Template('{% load thaidate %}{{ d|thaidate }}|{{ d|thaidate:"short" }}').render(
        Context({"d": datetime.date(2022, 7, 21)})
    )
    assert rendered == "21 กรกฎาคม 2565|21 ก.ค. 2565"


def test_template_filter_of_empty_value_is_blank():
    assert Template("{% load thaidate %}[{{ d|thaidate }}]").render(Context({"d": None})) == "[]"


# ---- reading dates as Thai staff type them -----------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "21/07/2565",
        "21/7/2565",
        "21-07-2565",
        "21.07.2565",
        "21 07 2565",
        "21 กรกฎาคม 2565",
        "21 ก.ค. 2565",
        "21 ก.ค. 65",
        "๒๑/๐๗/๒๕๖๕",
        "21 July 2022",
        "21 jul 2022",
        "21/07/2022",
    ],
)
def test_a_typed_date_is_read_in_either_era(typed):
    assert parse_date(typed) == datetime.date(2022, 7, 21)


def test_a_buddhist_year_from_a_native_date_field_is_moved_back_543_years():
    # Chromium's date field sends what was typed: 2565 arrives as the year 2565.
    assert parse_date("2565-07-21") == datetime.date(2022, 7, 21)


def test_a_common_era_iso_date_is_kept():
    assert parse_date("2022-07-21") == datetime.date(2022, 7, 21)


@pytest.mark.parametrize("typed", ["31/04/2565", "29/02/2566", "21/13/2565", "", "พรุ่งนี้", "21/07"])
def test_a_day_that_does_not_exist_is_not_read(typed):
    assert parse_date(typed) is None


def test_29_february_of_a_buddhist_leap_year_is_read():
    assert parse_date("29/02/2567") == datetime.date(2024, 2, 29)


def test_year_2400_and_up_is_buddhist_below_is_common():
    assert (ce_year(2400), ce_year(2399), ce_year(65)) == (1857, 2399, 2022)
