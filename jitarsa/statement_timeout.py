"""The last guard on what an anonymous request may cost.

The public pages are built to stay cheap at any size (capped counts, keyset pages, trigram
search, tallies), but a request nobody foresaw must not hold a worker for seconds. So on
PostgreSQL every statement of a request by someone not signed in may run for at most
ANONYMOUS_STATEMENT_TIMEOUT milliseconds; one that runs longer is cancelled and the visitor
gets a short Thai page saying the request was too large, never a 500. Signed-in staff are
not limited. SQLite has no statement timeout and goes without.
"""

from django.conf import settings
from django.db import DatabaseError, connection

from .errors import try_again_page

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by its timeout
RETRY_AFTER_SECONDS = 10


def is_statement_timeout(error):
    return getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED


def too_slow_page(request):
    return try_again_page(request, "too_slow.html", retry_after=RETRY_AFTER_SECONDS)


class StatementTimeoutMiddleware:
    """After authentication (a made-up session cookie does not lift the limit) and inside
    DatabaseOutageMiddleware, which would otherwise call the cancellation an outage."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.ANONYMOUS_STATEMENT_TIMEOUT
        if not limit or connection.vendor != "postgresql" or request.user.is_authenticated:
            return self.get_response(request)
        limiter = Limiter(int(limit))
        try:
            with connection.execute_wrapper(limiter):
                return self.get_response(request)
        finally:
            if limiter.applied:
                _reset()

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError) and is_statement_timeout(exception):
            return too_slow_page(request)
        return None


class Limiter:
    """Sets the limit just before the request's first statement, so a request that never
    reaches the database (robots.txt, a redirect) costs no round trip for it."""

    def __init__(self, milliseconds):
        self.milliseconds, self.applied = milliseconds, False

    def __call__(self, execute, sql, params, many, context):
        if not self.applied:
            self.applied = True
            context["cursor"].cursor.execute(
                "SET statement_timeout = %s", [self.milliseconds]
            )  # the driver's cursor: not through this wrapper again
        return execute(sql, params, many, context)


def _reset():
    """Back to the server's default for the next request on this (reused) connection."""
    if connection.connection is None:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    except DatabaseError:  # an aborted transaction (tests) or a lost connection: dropped anyway
        pass
