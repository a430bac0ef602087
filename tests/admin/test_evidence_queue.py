"""The reviewer's checks in the admin: a column and a filter in the queue, a box on a post."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import agency, make_activity, make_coordinator, make_photo

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:activities_activity_changelist")
FINGERPRINT = "0f1e2d3c4b5a6978"


def bangkok(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def coordinator(client):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


@pytest.fixture
def queue():
    """The two posts of the issue: a re-used photo, and 2566 photos on a 2569 activity."""
    earlier = make_activity(agency("peo-lamphun"), status="published", title="ทาสีรั้ววัด")
    make_photo(earlier, phash=FINGERPRINT, alt_text="ทาสีรั้ว")
    reused = make_activity(status="submitted", title="เก็บขยะริมแม่น้ำปิง")
    make_photo(reused, phash=FINGERPRINT, alt_text="เก็บขยะ", taken_at=bangkok(2026, 7, 21, 9))
    old = make_activity(
        status="submitted", title="ปลูกป่าชายเลน", start_date=datetime.date(2026, 3, 10)
    )
    make_photo(old, alt_text="ปลูกป่า", taken_at=bangkok(2023, 3, 3, 10))
    return {"earlier": earlier, "reused": reused, "old": old}


def test_queue_shows_the_reused_photo_with_a_link_to_the_other_post(client, coordinator, queue):
    page = client.get(CHANGELIST).content.decode()
    other = reverse("admin:activities_activity_change", args=[queue["earlier"].pk])
    assert "มีภาพเดียวกันอยู่ในโพสต์อื่น" in page
    assert f'href="{other}"' in page


def test_queue_shows_photos_taken_years_before_the_activity(client, coordinator, queue):
    page = client.get(CHANGELIST).content.decode()
    assert "ภาพถ่ายเมื่อ 3 มี.ค. 2566 — ก่อนวันกิจกรรม 3 ปี" in page


def test_queue_filter_by_check_keeps_only_the_failing_posts(client, coordinator, queue):
    response = client.get(CHANGELIST, {"check": "photo_dates"})
    assert [a.pk for a in response.context["cl"].result_list] == [queue["old"].pk]


def test_unknown_check_in_the_address_shows_the_whole_queue(client, coordinator, queue):
    response = client.get(CHANGELIST, {"check": "nonsense"})
    assert response.status_code == 200


def test_change_page_has_a_box_of_checks(client, coordinator, queue):
    url = reverse("admin:activities_activity_change", args=[queue["reused"].pk])
    page = client.get(url).content.decode()
    assert "ควรตรวจสอบก่อนเผยแพร่" in page
    assert "มีภาพเดียวกันอยู่ในโพสต์อื่น" in page


def test_checks_cost_no_query_per_post(client, coordinator, queue):
    with CaptureQueriesContext(connection) as few:
        client.get(CHANGELIST)
    for n in range(6):
        post = make_activity(status="submitted", title=f"โพสต์ {n}", news_credit="")
        make_photo(post, phash=FINGERPRINT, taken_at=bangkok(2020, 1, 1, 9))
    with CaptureQueriesContext(connection) as many:
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 8
    assert len(many) == len(few)
