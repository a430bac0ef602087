"""Anonymous pages come from the cache, and a change the public can see retires them."""

import pytest

from activities import workflow
from tests.factories import make_activity, make_coordinator, make_user

PAGES = ["/", "/activities/", "/agencies/peo-chiang-mai/", "/feed/"]


@pytest.fixture
def coordinator(db):
    return make_coordinator()


def test_second_anonymous_visit_is_a_cache_hit(client, publish):
    publish()
    assert client.get("/activities/")["X-Cache"] == "miss"
    assert client.get("/activities/")["X-Cache"] == "hit"


def test_signed_in_visitors_are_not_served_from_the_cache(client, publish):
    publish()
    client.get("/activities/")
    client.force_login(make_user())
    assert "X-Cache" not in client.get("/activities/")


@pytest.mark.parametrize("url", PAGES)
def test_publishing_shows_the_new_post(client, publish, coordinator, url):
    client.get(url)
    post = make_activity(status="submitted", title="เพิ่งเผยแพร่")
    workflow.publish(post, by=coordinator)
    assert "เพิ่งเผยแพร่" in client.get(url).content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_unpublishing_removes_the_post(client, publish, coordinator, url):
    post = publish(title="จะถูกถอน")
    assert "จะถูกถอน" in client.get(url).content.decode()
    workflow.unpublish(post, by=coordinator)
    assert "จะถูกถอน" not in client.get(url).content.decode()


def test_publishing_updates_the_stats(client, publish, coordinator):
    client.get("/stats/?year=2569")
    workflow.publish(make_activity(status="submitted", participants=4321), by=coordinator)
    assert "4,321" in client.get("/stats/?year=2569").content.decode()


def test_editing_a_published_post_shows_the_change(client, publish):
    post = publish(title="ชื่อเดิม")
    client.get(post.get_absolute_url())
    post.title = "ชื่อใหม่"
    post.save()
    assert "ชื่อใหม่" in client.get(post.get_absolute_url(), follow=True).content.decode()


def test_a_change_to_a_draft_keeps_the_cache(client, publish):
    publish()
    client.get("/activities/")
    make_activity(title="ร่าง")
    assert client.get("/activities/")["X-Cache"] == "hit"


def test_thai_and_english_are_cached_apart(client, publish):
    publish()
    client.get("/activities/")
    assert 'lang="en"' in client.get("/en/activities/").content.decode()
