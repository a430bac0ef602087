import pytest

from tests.factories import make_activity


@pytest.mark.parametrize("lang", ["", "/en"])
def test_pages_render(client, publish, lang):
    a = publish(photos=3)
    make_activity()
    for url in ["/", "/activities/", a.get_absolute_url(), "/agencies/peo-chiang-mai/", "/stats/",
                "/stats/months.csv", "/feed/", "/feed/atom/", "/agencies/peo-chiang-mai/feed/",
                "/feed/types/development/", "/sitemap.xml", "/sitemap-activities.xml", "/robots.txt"]:
        if lang and url.startswith(("/feed", "/sitemap", "/robots")):
            continue
        r = client.get(lang + url)
        assert r.status_code == 200, (url, r.status_code)
