"""The review queue's filter by check: the same posts as the flags, and its scope."""

import datetime

import pytest
from django.utils import timezone

from activities import evidence
from activities.models import Activity
from tests.factories import agency, make_activity, make_photo

pytestmark = pytest.mark.django_db

FINGERPRINT = "a1b2c3d4e5f60718"


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def taken(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def posts():
    """Posts failing each check (some several), and posts passing each one."""
    lamphun = agency("peo-lamphun")
    careful = make_activity(status="submitted", title="ปลูกป่าชายเลน", start_date=days_ago(60))
    make_photo(careful, alt_text="ปลูกป่า", taken_at=taken(days_ago(60)))
    early = make_activity(status="submitted", title="ทาสีรั้ววัด", start_date=days_ago(50))
    make_photo(early, alt_text="ทาสี", taken_at=taken(days_ago(50 + 1000)))
    late = make_activity(status="returned", title="บริจาคโลหิต", start_date=days_ago(40))
    make_photo(late, alt_text="บริจาค", taken_at=taken(days_ago(10)))
    undated = make_activity(status="submitted", title="อ่านหนังสือให้น้อง", start_date=days_ago(30))
    make_photo(undated)
    make_activity(status="submitted", title="ซ่อมเก้าอี้", start_date=days_ago(25), news_credit="")
    hidden = make_activity(status="published", title="สอนว่ายน้ำ", start_date=days_ago(20))
    make_photo(hidden, phash=FINGERPRINT, is_hidden=True, alt_text="ว่ายน้ำ")
    reused = make_activity(lamphun, status="published", title="เก็บขยะ", start_date=days_ago(15))
    make_photo(reused, phash=FINGERPRINT, alt_text="เก็บขยะ", taken_at=taken(days_ago(15)))
    reusing = make_activity(status="submitted", title="ล้างห้องน้ำ", start_date=days_ago(12))
    make_photo(reusing, phash=FINGERPRINT, taken_at=taken(days_ago(12)))
    # Several days each: one starts during the other, the other still runs when it starts.
    long = make_activity(
        status="published",
        title="ค่ายอาสาพัฒนาชนบท",
        start_date=days_ago(9),
        end_date=days_ago(5),
        minors_pictured=True,
    )
    make_activity(status="submitted", title="ค่ายอาสาพัฒนาชนบท รุ่น 2", start_date=days_ago(7))
    make_activity(lamphun, status="submitted", title="ค่ายอาสาพัฒนาชนบท", start_date=days_ago(7))
    long.partners.add(lamphun)
    make_activity(status="draft", title="ค่ายอาสาพัฒนาชนบท", start_date=days_ago(7))
    return list(Activity.objects.all())


@pytest.mark.parametrize("code", list(evidence.CHECKS))
def test_filter_by_a_check_finds_the_posts_showing_that_check(posts, code):
    showing = {
        post.pk
        for post in evidence.annotate(Activity.objects.all())
        if code in [flag.code for flag in evidence.flags(post)]
    }
    assert 0 < len(showing) < len(posts)
    assert set(evidence.flagged(Activity.objects.all(), code).values_list("pk", flat=True)) == (
        showing
    )


@pytest.fixture
def old_pair():
    """The same activity of five months ago posted twice, both published."""
    first = make_activity(status="published", title="ปลูกต้นไม้", start_date=days_ago(150))
    second = make_activity(status="published", title="ปลูกต้นไม้ ร.10", start_date=days_ago(150))
    return first, second


def test_posts_published_about_older_activities_are_not_in_the_posted_twice_filter(old_pair):
    assert not evidence.flagged(Activity.objects.all(), "similar_post").exists()


def test_posts_published_about_older_activities_still_show_posted_twice(old_pair):
    first, second = old_pair
    post = evidence.annotate(Activity.objects.filter(pk=second.pk)).get()
    assert post.similar_post == first.pk


def test_post_waiting_about_an_older_activity_is_in_the_posted_twice_filter(old_pair):
    waiting = make_activity(status="submitted", title="ปลูกต้นไม้", start_date=days_ago(150))
    assert list(evidence.flagged(Activity.objects.all(), "similar_post")) == [waiting]
