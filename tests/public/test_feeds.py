"""RSS and Atom feeds: clean for feedparser, complete items, per agency and per type,
and conditional requests answered with 304."""

import feedparser
import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from activities import workflow
from activities.feeds import RssFeed
from tests.factories import activity_type, agency


@pytest.fixture
def posts(publish):
    with_photo = publish(title="ปลูกป่าชายเลน", photos=2)
    publish("obec", title="บริจาคโลหิต", activity_type=activity_type("disaster"))
    return with_photo


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("url, version", [("/feed/", "rss20"), ("/feed/atom/", "atom10")])
def test_feed_parses_cleanly(client, posts, url, version):
    assert parse(client, url).version == version


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_feed_items_have_title_link_date_and_summary(client, posts, url):
    entry = next(e for e in parse(client, url).entries if e.title == "ปลูกป่าชายเลน")
    assert entry.link == f"http://testserver{posts.get_absolute_url()}"
    assert entry.published_parsed
    assert "จิตอาสาร่วมกันปลูกต้นไม้" in entry.summary


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_the_cover_photo_is_an_enclosure(client, posts, url):
    entry = next(e for e in parse(client, url).entries if e.title == "ปลูกป่าชายเลน")
    enclosure = entry.enclosures[0]
    assert enclosure.href.startswith("http://127.0.0.1:8000/media/photos/")
    assert enclosure.type.startswith("image/")
    assert int(enclosure.length) > 0


def test_the_storage_is_asked_each_photo_size_once(client, posts, settings, monkeypatch):
    """With object storage every size asked is a request to it: 30 per render of a feed."""
    settings.PUBLIC_PAGE_CACHE = False
    asked = []
    size = FileSystemStorage.size
    monkeypatch.setattr(
        FileSystemStorage, "size", lambda s, name: asked.append(name) or size(s, name)
    )
    client.get("/feed/")
    client.get("/feed/atom/")
    assert len(asked) == 1


def test_a_cover_missing_from_the_storage_is_left_out_of_the_feed(client, posts, settings):
    settings.PUBLIC_PAGE_CACHE = False
    default_storage.delete(posts.cover.largest().name)
    entry = next(e for e in parse(client, "/feed/").entries if e.title == "ปลูกป่าชายเลน")
    assert entry.enclosures == []


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/agencies/obec/feed/", {"บริจาคโลหิต"}),
        ("/agencies/obec/feed/atom/", {"บริจาคโลหิต"}),
        ("/feed/types/development/", {"ปลูกป่าชายเลน"}),
        ("/feed/types/disaster/atom/", {"บริจาคโลหิต"}),
    ],
)
def test_feeds_per_agency_and_per_type(client, posts, url, expected):
    assert {e.title for e in parse(client, url).entries} == expected


@pytest.mark.parametrize("url", ["/agencies/no-such/feed/", "/feed/types/no-such/"])
def test_feed_of_an_unknown_agency_or_type_is_404(client, posts, url):
    assert client.get(url).status_code == 404


def test_feed_hides_unpublished_posts(client, publish):
    post = publish(title="ถอนแล้ว")
    workflow.unpublish(post, by=post.transitions.last().actor)
    assert parse(client, "/feed/").entries == []


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/agencies/obec/feed/"])
def test_feed_answers_if_none_match_with_304(client, posts, url):
    first = client.get(url)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_feed_answers_if_modified_since_with_304(client, posts):
    first = client.get("/feed/")
    again = client.get("/feed/", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_new_post_changes_the_etag(client, posts, publish):
    etag = client.get("/feed/")["ETag"]
    publish(title="ใหม่ล่าสุด")
    response = client.get("/feed/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "ใหม่ล่าสุด" in response.content.decode()


def items_written(monkeypatch):
    """How many feed items are written from their posts' objects."""
    written = []
    add_item = RssFeed.add_item
    monkeypatch.setattr(
        RssFeed, "add_item", lambda feed, **item: written.append(item) or add_item(feed, **item)
    )
    return written


def test_a_post_elsewhere_leaves_an_agencys_feed_as_it_was_written(
    client, posts, publish, monkeypatch
):
    client.get("/agencies/obec/feed/")
    written = items_written(monkeypatch)
    publish(title="โพสต์ของหน่วยงานอื่น")  # another agency's post: every page is retired
    assert parse(client, "/agencies/obec/feed/").entries[0].title == "บริจาคโลหิต"
    assert written == []


def test_a_post_of_the_agency_writes_its_feed_again(client, posts, publish):
    client.get("/agencies/obec/feed/")
    publish("obec", title="โพสต์ใหม่ของ สพฐ.")
    assert parse(client, "/agencies/obec/feed/").entries[0].title == "โพสต์ใหม่ของ สพฐ."


def test_an_edited_title_shows_in_the_feed(client, posts):
    client.get("/feed/")
    posts.title = "ชื่อที่แก้แล้ว"
    posts.save()
    assert "ชื่อที่แก้แล้ว" in {e.title for e in parse(client, "/feed/").entries}


def test_renaming_an_agency_shows_in_its_feed(client, posts):
    client.get("/agencies/obec/feed/")
    office = agency("obec")
    office.name = "สำนักงานชื่อใหม่"
    office.save()
    assert "สำนักงานชื่อใหม่" in parse(client, "/agencies/obec/feed/").feed.title


def test_hiding_the_cover_takes_it_out_of_the_feed(client, posts):
    client.get("/feed/")
    cover = posts.cover
    cover.is_hidden = True
    cover.save()
    entry = next(e for e in parse(client, "/feed/").entries if e.title == "ปลูกป่าชายเลน")
    assert entry.enclosures == []


def test_rss_and_atom_are_kept_apart(client, posts):
    client.get("/feed/")
    assert parse(client, "/feed/atom/").version == "atom10"
