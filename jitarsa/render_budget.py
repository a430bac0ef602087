"""How many public pages one visitor who is not signed in may have rendered a minute.

The page cache answers a page it holds in about a millisecond; one it does not hold (a new
search, a filter combination, a deep page) costs 10 to 90 ms of a worker, and the address
space of searches and cursors has no end. So a few clients asking for new addresses as
fast as they can could keep both workers busy. Each visitor address may have
ANONYMOUS_RENDERS_PER_MINUTE pages rendered (120: two a second, far more than a person
browsing, searching and paging makes); beyond it, pages from the cache are still served
and new ones answer 429 with a Thai "wait a minute" page. A school or office behind one
address shares the budget, but most of what its people open is in the cache.
"""

from django.conf import settings

from core.proxy import client_address
from core.ratelimit import Limit

from .errors import try_again_page

WINDOW_SECONDS = 60


def too_many_new_pages(request):
    return try_again_page(request, "429.html", retry_after=WINDOW_SECONDS, status=429)


def over_budget(request):
    """Count one render for the visitor's address; True once past this minute's budget."""
    allowed = settings.ANONYMOUS_RENDERS_PER_MINUTE
    if not allowed:
        return False
    return not Limit("renders", allowed, WINDOW_SECONDS).hit(client_address(request))


class RenderBudgetMiddleware:
    """Placed right after activities.cache.PublicPageMiddleware, which marks the anonymous
    requests it is about to have rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "renders_public_page", False) and over_budget(request):
            return too_many_new_pages(request)
        return self.get_response(request)
