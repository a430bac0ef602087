"""Django's Redis cache backend, answering as an empty cache while Redis is away.

Every cache use in the project (the page cache, cards, fragments, the footer, the list
edge, rate limits, the render budget) then degrades alike: a read is a miss, a write is
dropped, a count starts again, and the page is made from the database. Without this, one
Redis restart answered every public page with a 500. settings.py puts it in place of
Django's backend for CACHE_URL=redis://…; a warning is logged at most once a minute.

It also keeps one Redis client per connection pool: Django's makes a new one for every
operation, which builds redis-py's table of reply handlers each time (60 µs, a third of a
read's whole cost here; a rendered public page reads the cache several times).
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

AWAY = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY_SECONDS = 60
_last_warning = float("-inf")


def _away(operation, error):
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Redis is away (%s: %s): serving without the cache", operation, error)


def _tolerant(method, fallback):
    """`method` of Django's backend, answering `fallback(*arguments)` while Redis is away."""

    @functools.wraps(method)
    def tolerant(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except AWAY as error:
            _away(method.__name__, error)
            return fallback(*args, **kwargs)

    return tolerant


def _nothing(*args, **kwargs):
    return None


def _no(*args, **kwargs):
    return False


def _expired(key, *args, **kwargs):
    """As incr() on a key that has expired: the caller (core.ratelimit) starts a new count."""
    raise ValueError(f"Key {key!r} not found (Redis is away)")


class ReusedClient(RedisCacheClient):
    """One redis.Redis per pool, shared by the threads: it holds no connection itself."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    @functools.cached_property
    def _clients(self):
        return {}


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient

    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _tolerant(RedisCache.has_key, _no)
    add = _tolerant(RedisCache.add, _no)
    set = _tolerant(RedisCache.set, _nothing)
    set_many = _tolerant(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = _tolerant(RedisCache.touch, _no)
    incr = _tolerant(RedisCache.incr, _expired)
    delete = _tolerant(RedisCache.delete, _no)
    delete_many = _tolerant(RedisCache.delete_many, _nothing)
    clear = _tolerant(RedisCache.clear, _nothing)
