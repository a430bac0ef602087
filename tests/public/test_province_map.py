"""The province tile-grid map on /stats/ and on an agency's page."""

import datetime

import pytest
from django.utils import timezone

from activities import provincemap
from agencies.models import Province
from tests.factories import agency


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def chiang_mai_posts(publish, year):
    chiang_mai = Province.objects.get(code=50)
    for participants in (10, 20, 30):
        publish(
            start_date=datetime.date(year, 2, 1), province=chiang_mai, participants=participants
        )
    publish("obec", start_date=datetime.date(year, 2, 2), province=Province.objects.get(code=10))
    return chiang_mai


def test_stats_map_has_a_square_for_each_of_the_77_provinces(client, chiang_mai_posts):
    html = client.get("/stats/").text
    assert html.count("<rect x=") == 77


def test_a_square_links_to_the_feed_filtered_by_its_province_and_year(
    client, chiang_mai_posts, year
):
    html = client.get("/stats/").text
    assert f'href="/activities/?year={year + 543}&amp;province=chiang-mai"' in html
    assert 'aria-label="เชียงใหม่: 3 กิจกรรม"' in html


def test_the_busiest_province_has_the_darkest_colour(client, chiang_mai_posts):
    squares = {s.code: s for s in client.get("/stats/").context["map"].squares}
    assert squares[50].fill == provincemap.FILLS[-1]
    assert squares[10].level < squares[50].level
    assert squares[96].fill == provincemap.FILLS[0]


def test_map_speaks_english_on_the_english_page(client, chiang_mai_posts):
    html = client.get("/en/stats/").text
    assert ">CMI</text>" in html and 'aria-label="Chiang Mai: 3 activities"' in html


def test_map_and_its_table_have_titles(client, chiang_mai_posts, year):
    html = client.get("/stats/").text
    assert (
        f'<title id="province-map-title">กิจกรรมจิตอาสาจำแนกตามจังหวัด ปี {year + 543}</title>' in html
    )


def test_legend_ranges_cover_one_to_the_top_without_gaps():
    labels = [step.label for step in provincemap.legend(10)]
    assert labels == ["0", "1–2", "3–4", "5–6", "7–8", "9–10"]


def test_legend_for_few_activities_leaves_out_empty_steps():
    assert [step.label for step in provincemap.legend(2)] == ["0", "1", "2"]


def test_regional_office_page_maps_its_region_only(client, chiang_mai_posts):
    response = client.get("/agencies/reo-15/")
    html, page_map = response.text, response.context["map"]
    focus = {s.code for s in page_map.squares if s.in_focus}
    assert focus == set(Province.objects.filter(region=15).values_list("code", flat=True))
    assert html.count('<a href="/activities/?') >= 1
    assert "province=bangkok" not in html  # outside the region: drawn, not linked
    assert [(r.name, r.activities) for r in page_map.rows] == [("เชียงใหม่", 3)]


def test_central_agency_page_maps_where_its_own_posts_were(client, chiang_mai_posts):
    page_map = client.get(f"/agencies/{agency('obec').slug}/").context["map"]
    assert [(r.name, r.activities) for r in page_map.rows] == [("กรุงเทพมหานคร", 1)]
    assert "agency=obec" in page_map.rows[0].url


def test_hidden_posts_are_not_counted_on_the_map(client, publish, year):
    from tests.factories import make_activity

    make_activity(
        agency("peo-chiang-mai"),
        status="unpublished",
        start_date=datetime.date(year, 2, 1),
        province=Province.objects.get(code=50),
    )
    squares = {s.code: s for s in client.get("/stats/").context["map"].squares}
    assert squares[50].activities == 0


def test_an_agency_page_draws_its_map_once(client, chiang_mai_posts, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE = False
    first = client.get("/agencies/peo-chiang-mai/")
    with CaptureQueriesContext(connection) as again:
        second = client.get("/agencies/peo-chiang-mai/")
    assert second.content == first.content
    assert not [q for q in again.captured_queries if "tally" in q["sql"].lower()]


def test_a_new_post_moves_the_agency_map(client, chiang_mai_posts, publish, year, settings):
    settings.PUBLIC_PAGE_CACHE = False
    client.get("/agencies/peo-chiang-mai/")
    publish(start_date=datetime.date(year, 2, 3), province=chiang_mai_posts, participants=5)
    assert "เชียงใหม่: 4 กิจกรรม" in client.get("/agencies/peo-chiang-mai/").text


def test_a_post_outside_the_region_leaves_the_agency_map_drawn(
    client, chiang_mai_posts, publish, year, settings
):
    settings.PUBLIC_PAGE_CACHE = False
    client.get("/agencies/peo-chiang-mai/")
    bangkok = Province.objects.get(code=10)
    publish("obec", start_date=datetime.date(year, 2, 3), province=bangkok)
    drawn = [t.name for t in client.get("/agencies/peo-chiang-mai/").templates]
    assert "activities/_province_map.html" not in drawn
