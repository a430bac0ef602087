import datetime

from reports import periods

day = datetime.date


def test_fiscal_year_2569_runs_october_to_september():
    period = periods.fiscal_year(2026)
    assert (period.start, period.end) == (day(2025, 10, 1), day(2026, 9, 30))
    assert period.label == "ปีงบประมาณ 2569"


def test_first_fiscal_quarter_is_october_to_december_of_the_year_before():
    period = periods.quarter(2026, 1)
    assert (period.start, period.end) == (day(2025, 10, 1), day(2025, 12, 31))


def test_fourth_quarter_ends_with_september():
    period = periods.quarter(2026, 4)
    assert (period.start, period.end) == (day(2026, 7, 1), day(2026, 9, 30))


def test_default_is_the_last_full_month():
    period = periods.from_query({}, today=day(2026, 1, 15))
    assert (period.start, period.end) == (day(2025, 12, 1), day(2025, 12, 31))
    assert period.label == "ธันวาคม 2568"


def test_query_years_are_buddhist_era():
    period = periods.from_query({"period": "month", "year": "2569", "month": "2"})
    assert (period.start, period.end) == (day(2026, 2, 1), day(2026, 2, 28))


def test_range_in_any_order():
    period = periods.from_query({"period": "range", "start": "2026-03-31", "end": "2026-03-01"})
    assert (period.start, period.end) == (day(2026, 3, 1), day(2026, 3, 31))


def test_range_typed_in_the_buddhist_era_means_the_same_days():
    period = periods.from_query({"period": "range", "start": "2565-07-01", "end": "31/07/2565"})
    assert (period.start, period.end, period.refused) == (day(2022, 7, 1), day(2022, 7, 31), "")


def test_nonsense_falls_back_to_last_full_month():
    period = periods.from_query({"period": "quarter", "year": "abc"}, today=day(2026, 5, 2))
    assert (period.start, period.end) == (day(2026, 4, 1), day(2026, 4, 30))


def test_trend_months_start_in_october():
    months = periods.trend_months(periods.month(2026, 3))
    assert months[0] == (2025, 10) and months[-1] == (2026, 9) and len(months) == 12
