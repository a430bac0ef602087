"""Whole-page caching of the public pages for anonymous visitors.

One version stamp (a timestamp) stands for "everything the public can see". It is part of
every cached page's key and is the feeds' ETag and Last-Modified, so bumping it (signals.py
does, whenever a post is published, changed, unpublished or archived, or a photo, agency or
page changes) retires every cached page at once without having to know which pages showed
the post. With a per-process cache (locmem) other workers only notice after PAGE_TIMEOUT;
production shares one Redis cache, so every worker sees a change at once.
"""

import datetime
import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "public:version"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
PAGE_TIMEOUT = 300  # also bounds how stale the calendar-driven bits (this year's totals) get


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _version_from_database()
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def _version_from_database():
    from .models import Activity

    latest = Activity.objects.aggregate(latest=Max("updated_at"))["latest"]
    return latest.timestamp() if latest else 0.0


def bump():
    """Retire every cached public page (and change the feeds' ETag)."""
    current = cache.get(VERSION_KEY) or 0.0
    cache.set(VERSION_KEY, max(time.time(), current + 0.001), timeout=None)


def last_modified(request, *args, **kwargs):
    return datetime.datetime.fromtimestamp(int(content_version()), tz=datetime.UTC)


def etag(request, *args, **kwargs):
    return f"{content_version():.3f}-{get_language()}"


def _is_anonymous(request):
    """Decided from cookies alone, so a cache hit never touches the session table."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request):
    path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"public:page:{content_version():.3f}:{get_language()}:{path}"


def public_page(view):
    """Serve anonymous GETs from the cache; store successful pages that set no cookie."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.content, headers), PAGE_TIMEOUT)
            response["X-Cache"] = "miss"
        return response

    return wrapper
