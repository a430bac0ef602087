"""What "latest" means for readers, and paging past the counted pages by keyset."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import pagination
from activities.models import Activity

FEED = "/activities/"


def titles(response):
    return [a.title for a in response.context["page_obj"]]


def published(post, days_ago):
    Activity.objects.filter(pk=post.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


@pytest.fixture
def old_activity_published_today(publish):
    """Two posts published last month about recent activities, and one published today about
    an activity of 2565."""
    for n in range(2):
        published(publish(title=f"เดือนก่อน {n}", start_date=datetime.date(2026, 7, 1)), 30)
    return publish(title="ปี 2565 เพิ่งเผยแพร่", start_date=datetime.date(2022, 7, 21))


def test_the_feed_shows_the_newest_published_first(client, old_activity_published_today):
    assert titles(client.get(FEED))[0] == "ปี 2565 เพิ่งเผยแพร่"


def test_home_shows_a_post_published_today_about_an_old_activity(
    client, old_activity_published_today
):
    latest = client.get("/").content.decode().split('id="latest-heading"')[1]
    assert latest.index("ปี 2565 เพิ่งเผยแพร่") < latest.index("เดือนก่อน")


def test_the_feed_can_be_sorted_by_the_activitys_date(client, old_activity_published_today):
    assert titles(client.get(f"{FEED}?sort=date"))[-1] == "ปี 2565 เพิ่งเผยแพร่"


def test_a_list_cut_by_date_is_ordered_by_the_activitys_date(client, publish):
    published(publish(title="ต้นปี", start_date=datetime.date(2026, 1, 5)), 0)
    published(publish(title="กลางปี", start_date=datetime.date(2026, 6, 5)), 90)
    response = client.get(f"{FEED}?year=2569")
    assert titles(response) == ["กลางปี", "ต้นปี"]
    assert '<option value="date" selected>' in response.content.decode()


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 2 and a count that stops at 4, so a handful of posts shows every case."""
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    monkeypatch.setattr(pagination, "COUNT_CAP", 4)


@pytest.fixture
def seven(publish, small_pages):
    posts = [publish(title=f"กิจกรรม {n}") for n in range(7)]
    for n, post in enumerate(posts):
        published(post, days_ago=n)  # กิจกรรม 0 is the newest
    return [f"กิจกรรม {n}" for n in range(7)]


def link(response, label):
    found = re.search(rf'href="([^"]+)"[^>]*>{label}</a>', response.content.decode())
    return found and found.group(1).replace("&amp;", "&")


def test_a_count_past_the_cap_says_more_than(client, seven):
    assert "พบมากกว่า 4 กิจกรรม" in client.get(FEED).content.decode()


def test_the_whole_lists_first_page_is_its_newest_posts_in_one_query(
    client, seven, monkeypatch, settings
):
    monkeypatch.setattr(pagination, "SAMPLE", 3)  # a long list: its kept edge says so
    settings.PUBLIC_PAGE_CACHE = False
    client.get(FEED)  # keeps the edge and the cards
    with CaptureQueriesContext(connection) as captured:
        response = client.get(FEED)
    assert titles(response) == seven[:2]
    read = [q["sql"] for q in captured.captured_queries if "statement_timeout" not in q["sql"]]
    assert len(read) == 1


def test_numbered_pages_stop_at_the_cap_and_older_goes_on(client, seven):
    response = client.get(f"{FEED}?page=99")
    assert titles(response) == seven[2:4]
    assert link(response, "เก่ากว่า").startswith("?before=")


def test_older_and_newer_links_walk_every_post_once(client, seven):
    response = client.get(f"{FEED}?page=2")
    seen = titles(client.get(FEED)) + titles(response)
    while older := link(response, "เก่ากว่า"):
        response = client.get(FEED + older)
        seen += titles(response)
    assert seen == seven
    newer = client.get(FEED + link(response, "ใหม่กว่า"))
    assert titles(newer) == seven[4:6]


def test_the_older_link_keeps_the_filters(client, seven):
    response = client.get(f"{FEED}?type=development&page=2")
    assert "type=development" in link(response, "เก่ากว่า")


@pytest.mark.parametrize(
    "cursor", ["junk", "1.x", "99999999999999999999999.5", "5.-1", f"1.{2**64}", "2026-01-01.3"]
)
def test_a_made_up_cursor_shows_the_first_page(client, seven, cursor):
    response = client.get(FEED, {"before": cursor})
    assert response.status_code == 200
    assert titles(response) == seven[:2]


def test_a_cursor_past_the_end_shows_the_first_page(client, seven):
    assert titles(client.get(FEED, {"before": "1.1"})) == seven[:2]


def test_a_short_list_is_paged_by_number_only(client, publish, small_pages):
    for n in range(3):
        publish(title=f"สั้น {n}")
    response = client.get(FEED, {"before": "9999999999999999.99999"})
    assert response.context["page_obj"].number == 1
    assert link(response, "เก่ากว่า") is None


def test_keyset_pages_follow_the_activity_date_order(client, seven):
    response = client.get(f"{FEED}?sort=date&page=2")
    older = client.get(FEED + link(response, "เก่ากว่า"))
    by_date = [a.title for a in Activity.objects.public().in_order("date")]
    assert titles(older) == by_date[4:6]


def test_a_word_found_only_in_old_posts_is_listed_newest_first(client, publish, monkeypatch):
    """More matches than the count shows, none among the newest posts: the walk stops at
    the sample's edge and the rest is read by the word's own index, still in order."""
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    monkeypatch.setattr(pagination, "SAMPLE", 3)
    for n in range(8):
        title = f"โควิด รอบ {n}" if n >= 5 else f"ทั่วไป {n}"
        published(publish(title=title), days_ago=n)
    response = client.get(FEED, {"q": "โควิด"})
    assert titles(response) == ["โควิด รอบ 5", "โควิด รอบ 6"]
    assert titles(client.get(FEED + link(response, "เก่ากว่า"))) == ["โควิด รอบ 7"]


def sizes(monkeypatch, **values):
    for name, value in values.items():
        monkeypatch.setattr(pagination, name, value)


def a_post_a_day(publish, posts, about):
    """`posts` posts published a day apart, newest first; the ones in `about` (days ago)
    are about ชุมชน."""
    for n in range(posts):
        published(publish(title=f"ชุมชน {n}" if n in about else f"ทั่วไป {n}"), days_ago=n)


@pytest.fixture
def twelve_days(publish, monkeypatch):
    """Pages of 2, a count that stops at 2, a quick window of the 8 newest posts and a
    sample of 10; make(days) publishes a post a day for 12 days."""
    sizes(monkeypatch, PAGE_SIZE=2, COUNT_CAP=2, QUICK=8, SAMPLE=10)
    return lambda days: a_post_a_day(publish, 12, days)


def test_a_word_in_many_new_posts_lists_the_newest_first(client, twelve_days):
    twelve_days({1, 2, 4, 7, 9})
    assert titles(client.get(FEED, {"q": "ชุมชน"})) == ["ชุมชน 1", "ชุมชน 2"]


def test_a_word_past_the_newest_posts_is_still_found_in_order(client, twelve_days):
    twelve_days({9, 10, 11})
    assert titles(client.get(FEED, {"q": "ชุมชน"})) == ["ชุมชน 9", "ชุมชน 10"]


@pytest.fixture
def thinning(publish, monkeypatch):
    """Pages of 2, a count that stops at 2, a sample of the 6 newest posts and a near walk
    of 25; make(days) publishes a post a day for 30 days."""
    sizes(monkeypatch, PAGE_SIZE=2, COUNT_CAP=2, QUICK=4, SAMPLE=6, NEAR=25)
    return lambda days: a_post_a_day(publish, 30, days)


def test_a_word_thinning_out_past_the_newest_posts_is_listed_in_order(client, thinning):
    thinning({5, 15, 22, 27})  # one in the sample promises the next within the near walk
    assert titles(client.get(FEED, {"q": "ชุมชน"})) == ["ชุมชน 5", "ชุมชน 15"]


def test_a_word_past_the_near_walk_is_still_listed_in_order(client, thinning):
    thinning({5, 27, 28})  # the near walk finds one: the walk goes on
    assert titles(client.get(FEED, {"q": "ชุมชน"})) == ["ชุมชน 5", "ชุมชน 27"]


def test_a_search_asked_again_after_a_new_post_lists_it(client, publish, settings):
    settings.PUBLIC_PAGE_CACHE = False  # the matches kept for the search, not the page
    publish(title="ปลูกป่า 1")
    client.get(FEED, {"q": "ปลูกป่า"})
    publish(title="ปลูกป่า 2")
    assert titles(client.get(FEED, {"q": "ปลูกป่า"})) == ["ปลูกป่า 2", "ปลูกป่า 1"]
