"""Staying honest when the database is away.

`HealthCheckMiddleware` (first in MIDDLEWARE) answers /healthz itself: no session, no
locale, no template, no host check, so load balancers may probe a pod by its address.
`DatabaseOutageMiddleware` and `server_error` (handler500) turn a lost database into a
503 with a static Thai page and Retry-After, instead of a stack trace or a bare 500.
Django drops the broken connection at the end of the request and, with
CONN_HEALTH_CHECKS, checks a reused one first, so the site recovers on its own.
"""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.views import defaults

HEALTH_PATHS = ("/healthz", "/healthz/")
RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:  # Django drops the broken connection when the request ends
        return False
    return True


def healthz(request):
    if database_answers():
        return JsonResponse({"status": "ok", "database": "ok"})
    response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def outage_page(request):
    """The 503 page, rendered without context processors: none of them reaches the database.

    The language comes from the address alone (the locale middleware may not have run).
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = loader.render_to_string("503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            response = healthz(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class DatabaseOutageMiddleware:
    """Views and templates that lose the database mid-request answer 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return outage_page(request)
        return None


def server_error(request):
    """handler500: a database outage met outside a view (sessions, middleware) is a 503 too."""
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return outage_page(request)
    return defaults.server_error(request)
