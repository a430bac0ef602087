"""Production's cache, a real Redis: pages come from it, and a page rendered for a visitor
asks it for what it needs once, through one client per worker."""

import pytest
import redis
from django.core.cache import cache

from tests.public.conftest import published_post

LOCATION = "redis://127.0.0.1:6379/{}"


@pytest.fixture
def redis_cache(settings, worker_id):
    """A Redis database of this test worker's own (cache.clear() empties the database)."""
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    location = LOCATION.format(8 + number % 8)
    try:
        redis.Redis.from_url(location, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.TolerantRedisCache", "LOCATION": location},
        "frame": settings.CACHES["frame"],
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commands(monkeypatch):
    """The commands sent to Redis: the command and what it reads ("GET public:edge")."""
    sent = []
    send = redis.Redis.execute_command

    def spy(self, name, *args, **options):
        keys = args if name == "MGET" else args[:1]
        kinds = sorted({":".join(str(key).split(":")[2:4]) for key in keys})  # ":1:public:edge:…"
        sent.append(" ".join([name, *kinds]))
        return send(self, name, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", spy)
    return sent


@pytest.fixture
def post(db):
    return published_post(title="ปลูกป่าชายเลน", photos=1)


def test_a_page_asked_for_again_comes_from_redis(client, post, redis_cache):
    assert [client.get("/activities/")["X-Cache"] for _ in range(3)] == ["miss", "miss", "hit"]
    assert "ปลูกป่าชายเลน" in client.get("/activities/").content.decode()


def test_a_rendered_page_reads_the_stamps_once(client, post, redis_cache, commands, settings):
    settings.PUBLIC_PAGE_CACHE = False
    client.get("/activities/")  # keeps the cards, the list's edge, the footer's frame
    commands.clear()
    assert client.get("/activities/").status_code == 200
    assert commands == [
        "MGET public:directory public:version",
        "GET public:edge",
        "GET public:matches",
        "MGET public:card",
    ]  # the footer is kept in the worker (base.html)


def test_one_client_serves_every_operation(redis_cache):
    cache.set("a", 1)
    assert cache._cache.get_client("a", write=True) is cache._cache.get_client("a")
