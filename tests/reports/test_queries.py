import datetime

import pytest

from agencies.models import Agency
from reports import periods, queries
from tests.factories import agency

MARCH = periods.month(2026, 3)


def by_slug(rows):
    return {r.key.pk: (r.activities, r.participants) for r in rows}


def test_totals_count_a_joint_post_once(fixtures):
    assert queries.totals(MARCH) == {
        "activities": 3,
        "participants": 100,
        "agencies": 1,
        "hours": None,
    }


def test_per_agency_counts_joint_post_for_each_partner(fixtures):
    rows = by_slug(queries.per_agency(MARCH))
    assert rows[agency("peo-chiang-mai").pk] == (3, 100)
    assert rows[agency("peo-lamphun").pk] == (1, 50)


def test_agency_with_nothing_in_the_range_shows_zero(fixtures):
    rows = by_slug(queries.per_agency(MARCH))
    assert rows[agency("ops").pk] == (0, 0)


@pytest.mark.django_db
def test_per_agency_sorted_by_group():
    groups = [r.columns["group"] for r in queries.per_agency(MARCH)]
    firsts = list(dict.fromkeys(groups))
    assert groups == sorted(groups, key=firsts.index)
    assert len(firsts) == len(Agency.Group.choices)


def test_month_edges_are_inside_and_neighbours_outside(fixtures):
    feb = queries.totals(periods.month(2026, 2))
    apr = queries.totals(periods.month(2026, 4))
    assert (feb["activities"], apr["activities"]) == (1, 1)


def test_unpublished_submitted_and_archived_posts_are_left_out(fixtures):
    lamphun = by_slug(queries.per_agency(MARCH))[agency("peo-lamphun").pk]
    assert lamphun == (1, 50)


def test_per_group_goes_by_leading_agency(fixtures):
    rows = {r.label: r.activities for r in queries.per_group(MARCH)}
    assert sum(rows.values()) == 3
    assert rows[str(agency("peo-chiang-mai").get_group_display())] == 3


def test_per_type(fixtures):
    rows = {r.label: (r.activities, r.participants) for r in queries.per_type(MARCH)}
    assert rows["จิตอาสาพัฒนา"] == (3, 100)
    assert rows["จิตอาสาภัยพิบัติ"] == (0, 0)


def test_partner_of_a_joint_post_has_reported(fixtures):
    missing = {a.slug for a in queries.not_reporting(MARCH)}
    assert "peo-chiang-mai" not in missing
    assert "peo-lamphun" not in missing
    assert "ops" in missing


def test_agency_with_only_unpublished_posts_has_not_reported(fixtures):
    missing = {
        a.slug
        for a in queries.not_reporting(
            periods.date_range(datetime.date(2026, 3, 10), datetime.date(2026, 3, 12))
        )
    }
    assert "peo-lamphun" in missing


def test_monthly_trend_covers_the_fiscal_year(fixtures):
    rows = {r.key: r.activities for r in queries.monthly_trend(MARCH)}
    assert (rows[(2026, 2)], rows[(2026, 3)], rows[(2026, 4)], rows[(2025, 10)]) == (1, 3, 1, 0)


@pytest.mark.django_db
def test_queries_are_a_fixed_number(django_assert_max_num_queries, fixtures):
    # Two of them per agency table read the names and groups of the time (history.Timeline).
    with django_assert_max_num_queries(16):
        from reports import tables

        tables.build(periods.fiscal_year(2026))
