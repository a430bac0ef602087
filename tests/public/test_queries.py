"""Each public page costs a fixed number of SQL queries, however many posts it shows."""

import pytest
from django.core.cache import cache

from tests.factories import agency, make_photo

# Page -> the most queries it may make (with an empty cache, as on the first visit).
BUDGET = {
    "/": 8,
    "/activities/": 8,
    "/activities/?q=ต้นไม้&province=chiang-mai&type=development": 11,
    "/agencies/peo-chiang-mai/": 11,  # + former names (directory history) + the region map
    "/stats/": 10,
    "/feed/": 5,
    "/feed/atom/": 5,
    "/agencies/peo-chiang-mai/feed/": 5,
    "/sitemap-activities.xml": 5,
}


@pytest.fixture(params=[2, 25], ids=["few", "many"])
def posts(request, publish):
    made = []
    for n in range(request.param):
        post = publish(
            title=f"ปลูกต้นไม้ {n}", province=agency("peo-chiang-mai").province, is_featured=n < 3
        )
        make_photo(post, is_cover=True)
        make_photo(post, order=1)
        post.partners.add(agency("obec"))
        made.append(post)
    return made


@pytest.mark.parametrize("url", list(BUDGET))
def test_page_queries_do_not_grow_with_the_page(client, posts, url, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(BUDGET[url]):
        assert client.get(url).status_code == 200


def test_detail_queries_do_not_grow_with_photos(client, posts, django_assert_max_num_queries):
    post = posts[0]
    for n in range(8):
        make_photo(post, order=n + 2)
    cache.clear()
    with django_assert_max_num_queries(8):
        assert client.get(post.get_absolute_url()).status_code == 200
