import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from jitarsa.thaidate import format_date, format_datetime, format_month, format_range

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
