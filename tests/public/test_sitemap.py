"""sitemap.xml (an index of sections, with last-modified dates) and robots.txt."""

import xml.etree.ElementTree as ET

from activities import workflow

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_sitemap_index_lists_the_sections(client, publish):
    publish()
    locations = [e.text for e in xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS)]
    assert any(loc.endswith("/sitemap-activities.xml") for loc in locations)
    assert any(loc.endswith("/sitemap-agencies.xml") for loc in locations)


def activity_urls(client):
    """Every <url> of the posts' sitemap files, found through the sitemap index."""
    index = xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS)
    files = [e.text.split("testserver", 1)[1] for e in index if "sitemap-activities" in e.text]
    return [url for path in files for url in xml(client, path).findall("s:url", NS)]


def test_activity_sitemap_lists_published_posts_with_lastmod(client, publish):
    post = publish()
    urls = {u.find("s:loc", NS).text: u.find("s:lastmod", NS) for u in activity_urls(client)}
    thai = next(loc for loc in urls if loc.endswith(post.get_absolute_url()))
    assert urls[thai] is not None and urls[thai].text.startswith(str(post.updated_at.year))
    assert any(loc.endswith("/en" + post.get_absolute_url()) for loc in urls)


def test_agency_sitemap_has_lastmod_for_agencies_that_posted(client, publish):
    publish("obec")
    root = xml(client, "/sitemap-agencies.xml")
    for url in root.findall("s:url", NS):
        if url.find("s:loc", NS).text.endswith("/agencies/obec/"):
            assert url.find("s:lastmod", NS) is not None
            return
    raise AssertionError("OBEC missing from the agency sitemap")


def test_sitemap_hides_unpublished_and_archived_posts(client, publish):
    unpublished, archived = publish(), publish()
    coordinator = unpublished.transitions.last().actor
    workflow.unpublish(unpublished, by=coordinator)
    workflow.archive(archived, by=coordinator)
    shown = publish(title="ยังเผยแพร่อยู่")
    locations = [u.find("s:loc", NS).text for u in activity_urls(client)]
    assert any(loc.endswith(shown.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(unpublished.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(archived.get_absolute_url()) for loc in locations)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_named_pages_are_listed_in_thai_and_english(client, db):
    locations = {
        url.find("s:loc", NS).text.removeprefix("http://testserver")
        for section in ("static", "public")
        for url in xml(client, f"/sitemap-{section}.xml").findall("s:url", NS)
    }
    for path in ("/", "/agencies/", "/opendata/", "/activities/", "/stats/"):
        assert {path, "/en" + path} <= locations
