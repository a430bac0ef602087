"""Staying honest when the database is away.

`HealthCheckMiddleware` (first in MIDDLEWARE) answers /healthz itself: no session, no
locale, no template, no host check, so load balancers may probe a pod by its address.
`DatabaseOutageMiddleware` and `jitarsa.errors.server_error` (handler500) turn a lost
database into a 503 with a static Thai page and Retry-After (`jitarsa.errors.outage_page`),
instead of a stack trace or a bare 500.
Django drops the broken connection at the end of the request and, with
CONN_HEALTH_CHECKS, checks a reused one first, so the site recovers on its own.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse

from .errors import OUTAGE_ERRORS, RETRY_AFTER_SECONDS, outage_page

HEALTH_PATHS = ("/healthz", "/healthz/")


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
