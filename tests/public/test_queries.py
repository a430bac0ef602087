"""Each public page costs a fixed number of SQL queries, however many posts it shows, and no
anonymous page counts or reads every post."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities import filters
from tests.factories import agency, make_photo
from tests.public.conftest import published_post

pytestmark = pytest.mark.django_db

# Page -> its queries on a first visit (empty cache), with full pages of posts. The
# statement-timeout guard's SET/RESET on PostgreSQL are not counted.
QUERIES = {
    "/": 10,
    "/activities/": 10,
    "/activities/?page=2": 10,
    "/activities/?sort=date": 10,
    "/activities/?q=ต้นไม้&province=chiang-mai&type=development": 12,
    # + former names (directory history), the region map (its counts and the 77 provinces)
    "/agencies/peo-chiang-mai/": 15,
    "/stats/": 10,
    # + the keys of the feed's posts (what its kept XML is kept under)
    "/feed/": 4,
    "/feed/atom/": 4,
    "/agencies/peo-chiang-mai/feed/": 7,  # its partners' posts read for each
    "/feed/types/development/": 5,
    "/sitemap.xml": 6,
    "/sitemap-activities.xml": 3,
    "/sitemap-agencies.xml": 3,
}


def page_queries(client, url):
    for kept in caches.all():  # the page cache, and each worker's frame (base.html)
        kept.clear()
    filters._options.clear()  # the filter form's choices, kept per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "statement_timeout" not in q["sql"]]


@pytest.fixture(scope="module", params=[3, 45], ids=["few", "many"])
def posts(request, module_rows):
    """Made once for all the module's tests: they only read them (or add in their savepoint)."""
    with module_rows():
        made = []
        for n in range(request.param):
            post = published_post(
                title=f"ปลูกต้นไม้ {n}",
                province=agency("peo-chiang-mai").province,
                is_featured=n < 3,
            )
            make_photo(post, is_cover=True)
            make_photo(post, order=1)
            post.partners.add(agency("obec"))
            made.append(post)
        yield made


@pytest.mark.parametrize("url", list(QUERIES))
def test_page_queries_do_not_grow_with_the_page(client, posts, url):
    found = len(page_queries(client, url))
    if len(posts) > 20:
        assert found == QUERIES[url]
    else:
        assert found <= QUERIES[url]


def test_detail_queries_do_not_grow_with_photos(client, posts):
    post = posts[0]
    for n in range(8):
        make_photo(post, order=n + 2)
    assert len(page_queries(client, post.get_absolute_url())) <= 9


# A list rendered again (the page cache off) whose cards and matches are kept reads only
# the page's posts as card rows: no agency, type, province or photo objects.
AGAIN = {
    "/": 3,  # the featured and latest rows, the types (this year's totals are kept)
    "/activities/": 1,
    # + the province and the type the filter form checks
    "/activities/?q=ต้นไม้&province=chiang-mai&type=development": 3,
    # the agency, its partners' posts, the page's keys and rows, the share card's cover,
    # former names, the offices under it: its totals are kept
    "/agencies/peo-chiang-mai/": 7,
    # A feed whose XML is kept: its posts' keys (and the agency or type it follows)
    "/feed/": 1,
    "/feed/atom/": 1,
    "/agencies/peo-chiang-mai/feed/": 3,
    "/feed/types/development/": 2,
}


@pytest.mark.parametrize("url", list(AGAIN))
def test_a_list_whose_cards_are_kept_reads_only_its_rows(client, posts, settings, url):
    settings.PUBLIC_PAGE_CACHE = False
    page_queries(client, url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    found = [q["sql"] for q in captured.captured_queries if "statement_timeout" not in q["sql"]]
    assert len(found) == AGAIN[url]


def reads_every_post(sql):
    """A query over the posts table that nothing bounds: not a LIMIT, not a list or range
    of ids, not one agency's own posts; an aggregate must be MAX (one index entry)."""
    if not re.search(r'FROM "activities_activity"(?! ?_)', sql):
        return False
    if "COUNT(" in sql or "SUM(" in sql:
        return '"agency_id" =' not in sql
    bounded = ("LIMIT ", '"id" IN (', '"id" <= ', "MAX(")
    return not any(mark in sql for mark in bounded)


@pytest.mark.parametrize("url", [*QUERIES, "/activities/?q=ต้นไม้&page=3", "/stats/months.csv"])
def test_no_anonymous_page_counts_or_reads_every_post(client, posts, url):
    assert [sql for sql in page_queries(client, url) if reads_every_post(sql)] == []


def test_the_feed_counts_at_most_1001_matches(client, posts):
    keys = [sql for sql in page_queries(client, "/activities/") if "LIMIT 1001" in sql]
    assert len(keys) == 1 and "COUNT(" not in keys[0]
