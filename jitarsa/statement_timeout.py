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
        if connection.vendor != "postgresql":
            return self.get_response(request)
        limit = settings.ANONYMOUS_STATEMENT_TIMEOUT
        wanted = int(limit) if limit and not request.user.is_authenticated else None
        with connection.execute_wrapper(Limiter(wanted)):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError) and is_statement_timeout(exception):
            return too_slow_page(request)
        return None


class Limiter:
    """Gives the connection the request's limit (None: the server's default) just before
    the request's first statement, and only if the connection does not have it already. The
    workers keep their connections (CONN_MAX_AGE), so a visitor's request after a visitor's
    sends nothing for it: a SET before and a RESET after every request were two round trips
    to PostgreSQL, 0.6-1 ms of a 4 ms page. A signed-in request after a visitor's takes the
    limit off first; a request that never reaches the database sends nothing."""

    def __init__(self, milliseconds):
        self.milliseconds, self.checked = milliseconds, False

    def __call__(self, execute, sql, params, many, context):
        if not self.checked:
            self.checked = True
            _apply(context["connection"], context["cursor"].cursor, self.milliseconds)
        return execute(sql, params, many, context)


UNKNOWN = object()


def _apply(wrapper, cursor, milliseconds):
    """`cursor` is the driver's, so the statement does not go through the Limiter again.
    What a connection was told is remembered with the connection it was told to: a new
    connection starts from the server's default. A SET inside a transaction may be rolled
    back with it, so it is not remembered."""
    told, told_to = getattr(wrapper, "statement_timeout_told", (UNKNOWN, None))
    if told_to is wrapper.connection and told == milliseconds:
        return
    if milliseconds is None:
        cursor.execute("RESET statement_timeout")
    else:
        cursor.execute("SET statement_timeout = %s", [milliseconds])
    told = UNKNOWN if wrapper.in_atomic_block else milliseconds
    wrapper.statement_timeout_told = (told, wrapper.connection)
