"""The feed's filters, each kept in the URL; bad values give a message, never an error."""

import datetime

import pytest

from tests.factories import activity_type, agency

FEED = "/activities/"


def titles(response):
    return {a.title for a in response.context["page_obj"]}


@pytest.fixture
def two(publish):
    """One post from Chiang Mai (development, July 2569) and one from OBEC elsewhere."""
    cm = publish(title="เชียงใหม่", province=agency("peo-chiang-mai").province)
    bkk = publish(
        "obec",
        title="สพฐ",
        activity_type=activity_type("disaster"),
        province=agency("peo-bangkok").province,
        start_date=datetime.date(2025, 3, 5),
    )
    return cm, bkk


@pytest.mark.parametrize(
    "query, expected",
    [
        ("agency=peo-chiang-mai", {"เชียงใหม่"}),
        ("group=obec", {"สพฐ"}),
        ("group=ops", {"เชียงใหม่"}),
        ("region=15", {"เชียงใหม่"}),
        ("province=bangkok", {"สพฐ"}),
        ("type=disaster", {"สพฐ"}),
        ("year=2569", {"เชียงใหม่"}),
        ("year=2568", {"สพฐ"}),
        ("month=3", {"สพฐ"}),
        ("date_from=2026-01-01", {"เชียงใหม่"}),
        ("date_to=2025-12-31", {"สพฐ"}),
        ("date_from=2025-03-01&date_to=2025-03-31", {"สพฐ"}),
        ("q=สพฐ", {"สพฐ"}),
        ("year=2569&type=disaster", set()),
        ("", {"เชียงใหม่", "สพฐ"}),
    ],
)
def test_each_filter_narrows_the_feed(client, two, query, expected):
    assert titles(client.get(f"{FEED}?{query}")) == expected


@pytest.mark.parametrize("typed", ["2569-01-01", "01/01/2569", "1 ม.ค. 2569"])
def test_a_buddhist_era_date_from_a_thai_date_box_filters_the_same_day(client, two, typed):
    assert titles(client.get(f"{FEED}?date_from={typed}")) == {"เชียงใหม่"}


def test_agency_filter_includes_posts_it_partnered_in(client, two):
    cm, _bkk = two
    cm.partners.add(agency("obec"))
    assert titles(client.get(f"{FEED}?agency=obec")) == {"เชียงใหม่", "สพฐ"}


@pytest.mark.parametrize(
    "query",
    [
        "agency=no-such-agency",
        "group=nothing",
        "region=99",
        "province=atlantis",
        "type=none",
        "year=abc",
        "year=1999",
        "month=13",
        "date_from=2026-99-01",
        "date_to=yesterday",
        "page=abc",
        "page=999",
    ],
)
def test_invalid_filter_values_give_a_message_not_an_error(client, two, query):
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert "ตัวกรองบางรายการใช้ไม่ได้" in response.content.decode()


def test_invalid_filter_is_ignored_and_the_rest_still_applies(client, two):
    response = client.get(f"{FEED}?type=disaster&month=13")
    assert titles(response) == {"สพฐ"}


def test_filters_are_kept_in_the_page_links(client, publish):
    for n in range(21):
        publish(title=f"กิจกรรม {n}")
    html = client.get(f"{FEED}?type=development").content.decode()
    assert "?type=development&amp;page=2" in html


def test_filter_form_shows_the_chosen_values(client, two):
    html = client.get(f"{FEED}?province=bangkok&year=2568").content.decode()
    assert '<option value="bangkok" selected>' in html
    assert '<option value="2568" selected>' in html


def test_empty_result_explains_what_to_try(client, two):
    html = client.get(f"{FEED}?q=ไม่มีคำนี้แน่นอน").content.decode()
    assert "ไม่พบกิจกรรมที่ตรงกัน" in html
    assert "บางส่วนของคำก็พอ" in html


def test_feed_counts_the_matches(client, two):
    assert "พบ 2 กิจกรรม" in client.get(FEED).content.decode()


def test_feed_pages_20_at_a_time_with_page_numbers(client, publish):
    for n in range(45):
        publish(title=f"กิจกรรม {n}")
    first = client.get(FEED)
    assert len(first.context["page_obj"]) == 20
    html = first.content.decode()
    assert 'href="?page=2"' in html and 'href="?page=3"' in html
    assert len(client.get(f"{FEED}?page=3").context["page_obj"]) == 5


def test_feed_is_newest_first(client, publish):
    publish(title="เก่า", start_date=datetime.date(2026, 1, 1))
    publish(title="ใหม่", start_date=datetime.date(2026, 5, 1))
    assert [a.title for a in client.get(FEED).context["page_obj"]] == ["ใหม่", "เก่า"]
