"""Whole-page caching of the public pages for anonymous visitors.

One version stamp (a timestamp) stands for "everything the public can see". Each cached
page is stored with the version it was made from, and that version is every page's ETag
and Last-Modified, so bumping it (signals.py does, whenever a post is published, changed,
unpublished or archived, or a photo or agency changes; pages.signals when a site page
changes) retires every cached page at
once without having to know which pages showed the post. With a per-process cache
(locmem) other workers only notice after PAGE_TIMEOUT; production shares one Redis cache,
so every worker sees a change at once.

Views say a page may be cached (`@public_page`); `PublicPageMiddleware`, placed right after
the locale middleware, answers a hit before CSRF, authentication, messages and the view
run, with one cache round trip (the version and the page together), or none: with a
shared cache each worker also keeps the version it last read for LOCAL_SECONDS and the
pages it served under it (`Recent`), so a change made in another worker shows there at
most a second later, and the busiest pages cost no trip to Redis at all. A hit carries the
headers the inner middleware gave the page when it was made (CSP, X-Frame-Options,
Permissions-Policy, ...), and the outer ones (HSTS, nosniff, Content-Language) add theirs
as to any response. A page is stored the second time its address is asked for within
PAGE_TIMEOUT, so a scraper inventing new addresses fills the cache with markers of a few
bytes, not with pages.

A public view names the query parameters it reads (`@public_page(reads=...)`); any other
parameter is taken off an anonymous request before the key is made and the view runs, and
the key lists the rest in name order. So a random `?n=` cannot make a worker render a page
it has in the cache (the cheapest way to stall a cached site), a post shared on Facebook,
where every click carries its own fbclid, is one cached page, and no page carries one
visitor's tag in its links. A view that reads a parameter it did not name finds it missing
at once, in its tests, not later as a wrong page served from the cache.

What an anonymous public request reads of the shared cache it reads once (`ReadOnce`):
the two stamps come with the page look-up, and a value kept() keeps is asked once however
many parts of the page need it (the feed's list edge, the footer, the cards' stamp were each
read two to four times).

`PUBLIC_PAGE_CACHE = False` (env `PUBLIC_PAGE_CACHE=off`) renders every page, parameters
kept as above: for finding whether a fault is the cache's, and for bench/pages.py to
measure pages rendered from the database.
"""

import contextvars
import datetime
import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from core.anonymous import is_anonymous

VERSION_KEY = "public:version"
DIRECTORY_KEY = "public:directory"
PAGE_TIMEOUT = 300  # also bounds how stale the calendar-driven bits (this year's totals) get
NOT_REPLAYED = {"set-cookie", "x-cache"}
LOCAL_SECONDS = 1.0
LOCAL_PAGES = 200  # ~10 MB per worker at the feed's 55 KB


class Recent:
    """The version this worker last read from the shared cache, trusted for LOCAL_SECONDS,
    and the pages it served under that version, most recent first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self):
        self.version, self.read_at, self.pages = None, float("-inf"), OrderedDict()

    def fresh_version(self):
        if time.monotonic() - self.read_at < LOCAL_SECONDS:
            return self.version
        return None

    def saw_version(self, version):
        with self.lock:
            if version != self.version:
                self.pages = OrderedDict()
            self.version, self.read_at = version, time.monotonic()

    def page(self, key):
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def keep(self, key, stored):
        with self.lock:
            if stored[0] != self.version:
                return
            self.pages[key] = stored
            if len(self.pages) > LOCAL_PAGES:
                self.pages.popitem(last=False)


recent = Recent()


def _shared():
    """A per-process cache needs no second copy in the same process."""
    return not isinstance(cache, LocMemCache)


_read_once = contextvars.ContextVar("read_once", default=None)


class ReadOnce:
    """Within it, what _once() reads of the shared cache is read once: for an anonymous
    public request (PublicPageMiddleware), which changes nothing. `found` holds what the
    middleware has already read (the stamps among it)."""

    def __init__(self, found):
        self.found = {key: value for key, value in found.items() if value is not None}

    def __enter__(self):
        self.token = _read_once.set(self.found)

    def __exit__(self, *exc_info):
        _read_once.reset(self.token)


def _once(key, read):
    found = _read_once.get()
    if found is None:
        return read()
    if key not in found:
        found[key] = read()
    return found[key]


def content_version():
    return _once(VERSION_KEY, _content_version)


def _content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _version_from_database()
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def kept(name, make, *parts, directory=False):
    """`make()`, kept in the shared cache for the current content version (and `parts`):
    what public pages derive from the published content, made once per change, not per
    request. Nothing has to be retired: a change moves the version on. With `directory`,
    what is made of agencies, provinces and types alone, kept for the directory's version:
    publishing a post does not make it again."""
    version = directory_version() if directory else content_version()
    key = f"public:{name}:{version:.3f}:{digest(*parts)}"
    return _once(key, functools.partial(cache.get_or_set, key, make, PAGE_TIMEOUT))


def digest(*parts):
    """A short fingerprint of `parts` (their repr) for a cache key."""
    return hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()


def _version_from_database():
    """A starting version every worker agrees on, read from the newest-first index (bump()
    moves the version past it at the first change)."""
    from .models import Activity

    latest = Activity.objects.public().aggregate(latest=Max("published_at"))["latest"]
    return latest.timestamp() if latest else 0.0


def bump():
    """Retire every cached public page (and change the feeds' ETag)."""
    current = cache.get(VERSION_KEY) or 0.0
    cache.set(VERSION_KEY, max(time.time(), current + 0.001), timeout=None)
    recent.forget()
    if (found := _read_once.get()) is not None:
        found.clear()


def bump_now_and_on_commit(*, directory=False):
    """For a change inside a transaction: also after the commit, so a page rendered from
    the old data before the commit does not linger. `directory`: an agency, province or
    type changed, which moves directory_version() on as well."""
    change = bump_directory_and_content if directory else bump
    change()
    transaction.on_commit(change)


def directory_version():
    """A stamp that moves whenever an agency, province or activity type changes: what
    pages show of them under a post (activities.cards) is kept under it, so publishing a
    post does not retire it. Like the content version, per process with locmem."""
    return _once(DIRECTORY_KEY, functools.partial(cache.get_or_set, DIRECTORY_KEY, time.time, None))


def bump_directory_and_content():
    cache.set(DIRECTORY_KEY, time.time(), timeout=None)
    bump()


def _request_version(request):
    """The version this request was answered from: read once per request."""
    if getattr(request, "public_version", None) is None:
        request.public_version = content_version()
    return request.public_version


def last_modified(request, *args, **kwargs):
    return datetime.datetime.fromtimestamp(int(_request_version(request)), tz=datetime.UTC)


def etag(request, *args, **kwargs):
    return f"{_request_version(request):.3f}-{get_language()}"


def public_page(view=None, *, reads=()):
    """Mark a view's successful anonymous pages as cacheable (PublicPageMiddleware stores
    and serves them); `reads` names the query parameters the view reads, the only ones an
    anonymous request keeps. Use as @public_page or @public_page(reads=("page",))."""
    if view is None:
        return functools.partial(public_page, reads=reads)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        response.public_page = True
        return response

    wrapper.public_page = True
    wrapper.reads = frozenset(reads)
    return wrapper


def _reads(request):
    """The parameters the public view of this address reads; None if it is not one."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _public_reads(urlconf, request.path_info)


@functools.lru_cache(maxsize=4096)
def _public_reads(urlconf, path):
    """Resolved once per address and process: the handler resolves it again anyway."""
    try:
        view = resolve(path, urlconf).func
    except Resolver404:
        return None
    if not getattr(view, "public_page", False):  # functools.wraps carries it through
        return None
    return view.reads


def keep_read(request, reads):
    """Take off the request every query parameter its view does not read."""
    if all(name in reads for name in request.GET):
        return
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in reads:
            kept.setlist(name, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def _key(request):
    query = sorted(request.GET.lists(), key=lambda item: item[0])  # stable: values keep order
    address = f"{request.get_host()}{request.path}?{query}"
    return f"public:page:{get_language()}:{digest(address)}"


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.method in ("GET", "HEAD") and is_anonymous(request)):
            return self.get_response(request)
        reads = _reads(request)
        if reads is None:  # the login page, robots.txt, 404s: no cache look-up
            return self.get_response(request)
        keep_read(request, reads)
        if not settings.PUBLIC_PAGE_CACHE:
            with ReadOnce(cache.get_many([VERSION_KEY, DIRECTORY_KEY])):
                return self.get_response(request)
        key = _key(request)
        shared = _shared()
        if shared and (version := recent.fresh_version()) is not None:
            stored = recent.page(key)
            if stored is not None:
                request.public_version = version
                return self._replay(request, stored)
        # With Redis away, nothing is found and nothing kept (core/cache.py).
        found = cache.get_many([VERSION_KEY, DIRECTORY_KEY, key, f"{key}:asked"])
        request.public_version = found.get(VERSION_KEY)  # None: read when first needed
        if shared and request.public_version is not None:
            recent.saw_version(request.public_version)
        stored = found.get(key)
        if stored is not None and stored[0] == _request_version(request):
            if shared:
                recent.keep(key, stored)
            return self._replay(request, stored)
        request.renders_public_page = True  # for jitarsa.render_budget
        with ReadOnce(found):
            response = self.get_response(request)
        if self._cacheable(response):
            self._label(request, response)
            self._store(key, found, _request_version(request), response)
            response["X-Cache"] = "miss"
            return _conditional(request, response)
        return response

    @staticmethod
    def _cacheable(response):
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        )

    @staticmethod
    def _label(request, response):
        """ETag and Last-Modified from the version; revalidated on every use."""
        if not response.has_header("ETag"):
            response["ETag"] = f'"{etag(request)}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(int(request.public_version))
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ("Cookie",))

    @staticmethod
    def _store(key, found, version, response):
        headers = {k: v for k, v in response.items() if k.lower() not in NOT_REPLAYED}
        if f"{key}:asked" in found:
            cache.set(key, (version, response.content, headers), PAGE_TIMEOUT)
        else:
            cache.set(f"{key}:asked", True, PAGE_TIMEOUT)

    @staticmethod
    def _replay(request, stored):
        _version, content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["X-Cache"] = "hit"
        return _conditional(request, response)


def _conditional(request, response):
    """304 Not Modified when the visitor already holds this version of the page."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=int(_request_version(request)),
        response=response,
    )
