"""The statistics tallies follow every change a reader could see, whatever path made it."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from activities import stats, workflow
from activities.models import Activity, Tally
from tests.factories import agency, make_activity, make_coordinator

JULY_2026 = datetime.date(2026, 7, 21)


@pytest.fixture
def coordinator(db):
    return make_coordinator()


def year_totals(year=2026):
    return stats.totals(year)


def test_publishing_counts_the_post_and_its_participants(coordinator):
    post = make_activity(status="submitted", start_date=JULY_2026, participants=45)
    workflow.publish(post, by=coordinator)
    assert year_totals() == {"activities": 1, "participants": 45, "agencies": 1}


def test_a_draft_or_a_post_in_review_is_not_counted(db):
    make_activity(start_date=JULY_2026)
    make_activity(status="submitted", start_date=JULY_2026)
    assert year_totals()["activities"] == 0


def test_unpublishing_takes_the_post_out(coordinator):
    post = make_activity(status="published", start_date=JULY_2026)
    workflow.unpublish(post, by=coordinator)
    assert year_totals()["activities"] == 0


def test_archiving_takes_the_post_out_and_restoring_brings_it_back(coordinator):
    post = make_activity(status="published", start_date=JULY_2026)
    workflow.archive(post, by=coordinator)
    assert year_totals()["activities"] == 0
    workflow.restore(post, by=coordinator)
    assert year_totals()["activities"] == 1


def test_moving_a_published_post_to_another_year_moves_its_count(db):
    post = make_activity(status="published", start_date=JULY_2026, participants=30)
    post.start_date = datetime.date(2025, 12, 31)
    post.save()
    assert year_totals(2026)["activities"] == 0
    assert year_totals(2025) == {"activities": 1, "participants": 30, "agencies": 1}


def test_editing_the_participants_of_a_published_post_changes_the_sum(db):
    post = make_activity(status="published", start_date=JULY_2026, participants=30)
    post.participants = 300
    post.save(update_fields=["participants"])
    assert year_totals()["participants"] == 300


def test_two_posts_of_one_cell_count_together(db):
    make_activity(status="published", start_date=JULY_2026, participants=10)
    make_activity(status="published", start_date=JULY_2026, participants=20)
    assert Tally.objects.get().activities == 2
    assert year_totals()["participants"] == 30


def test_a_post_without_province_is_counted_but_in_no_province_row(db):
    make_activity(agency("obec"), status="published", start_date=JULY_2026, province=None)
    assert year_totals()["activities"] == 1
    assert stats.by_province(2026).rows == []


def test_recount_command_rebuilds_what_a_bulk_insert_left_out(db):
    post = make_activity(status="published", start_date=JULY_2026)
    Activity.objects.bulk_create([Activity(**_copy_of(post)) for _ in range(3)])
    out = StringIO()
    call_command("recount_statistics", stdout=out)
    assert year_totals()["activities"] == 4
    assert "tallies counted" in out.getvalue()


def _copy_of(post):
    fields = [f.attname for f in Activity._meta.concrete_fields if not f.primary_key]
    return {name: getattr(post, name) for name in fields}
