"""Staying honest when the database is away.

`HealthCheckMiddleware` (first in MIDDLEWARE) answers /healthz itself: no session, no
locale, no template, no host check, so load balancers may probe a pod by its address.
`DatabaseOutageMiddleware` and `jitarsa.errors.server_error` (handler500) turn a lost
database into a 503 with a static Thai page and Retry-After (`jitarsa.errors.outage_page`),
instead of a stack trace or a bare 500.
Django drops the broken connection at the end of the request and, with
CONN_HEALTH_CHECKS, checks a reused one first, so the site recovers on its own.

The background worker (django-q) writes a heartbeat every minute (`worker_beat`). /healthz
reports it ("worker": "ok", "late" or "unknown") but stays 200 without it: a load balancer
must keep sending visitors to a web container whose database answers, and restarting web
containers would not bring a stopped worker back. /healthz/worker answers 503 when the
worker is late, for monitoring that should alert someone; the worker's own container checks
itself with `manage.py check_worker`.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse

from core import worker

from .errors import OUTAGE_ERRORS, RETRY_AFTER_SECONDS, outage_page

HEALTH_PATHS = ("/healthz", "/healthz/")
WORKER_PATHS = ("/healthz/worker", "/healthz/worker/")


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:  # Django drops the broken connection when the request ends
        return False
    return True


def worker_beat():
    """The scheduled task (every minute) that proves the worker runs; its path is stored in
    the django-q schedule (jitarsa/migrations/0003), so it stays here."""
    worker.beat()


def healthz(request):
    if not database_answers():
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    seen = worker.seen()
    state = worker.state(seen)
    body = {
        "status": "ok",
        "database": "ok",
        "worker": state,
        "worker_seen": seen.isoformat() if seen else None,
    }
    # Only the worker's own address fails for a late worker (see the module docstring).
    late = request.path_info in WORKER_PATHS and state != "ok"
    return JsonResponse(body, status=503 if late else 200)


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS + WORKER_PATHS:
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
