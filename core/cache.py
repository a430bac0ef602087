"""Django's Redis cache backend, answering as an empty cache while Redis is away.

Every cache use in the project (the page cache, cards, fragments, the footer, the list
edge, rate limits, the render budget) then degrades alike: a read is a miss, a write is
dropped, a count starts again, and the page is made from the database. Without this, one
Redis restart answered every public page with a 500. settings.py puts it in place of
Django's backend for CACHE_URL=redis://…; a warning is logged at most once a minute.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
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


class TolerantRedisCache(RedisCache):
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
