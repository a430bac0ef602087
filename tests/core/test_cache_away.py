"""With Redis away (restarting, unreachable) the public pages are made from the database:
every cache read is a miss, every write is dropped, never a 500."""

import pytest

from core.ratelimit import Limit
from tests.factories import make_user
from tests.public.conftest import published_post

AWAY = {
    "default": {
        "BACKEND": "core.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {**AWAY, "frame": settings.CACHES["frame"]}


@pytest.fixture
def post(db):
    return published_post(title="ปลูกป่าชายเลน", photos=1)


@pytest.mark.parametrize(
    "url", ["/", "/activities/", "/activities/?q=ชายเลน", "/stats/", "/feed/", "/sitemap.xml"]
)
def test_public_pages_are_served_without_redis(client, post, redis_away, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "ปลูกป่าชายเลน" in response.content.decode() or url in ("/stats/", "/sitemap.xml")


def test_a_post_and_its_agency_are_served_without_redis(client, post, redis_away):
    assert client.get(post.get_absolute_url()).status_code == 200
    assert "ปลูกป่าชายเลน" in client.get("/agencies/peo-chiang-mai/").content.decode()


def test_staff_can_sign_in_without_redis(client, db, redis_away):
    make_user(username="somchai", password="a-long-passphrase-1")
    response = client.post(
        "/accounts/login/", {"username": "somchai", "password": "a-long-passphrase-1"}
    )
    assert response.status_code == 302


def test_a_limit_counts_afresh_without_redis(redis_away):
    limit = Limit("test", allowed=1, seconds=60)
    assert limit.hit("203.0.113.1") and limit.hit("203.0.113.1")
