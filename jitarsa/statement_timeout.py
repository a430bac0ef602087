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
    DatabaseOutageMiddleware, which would otherwise call the cancellation an outage.

    The limit is a setting of the connection, and the workers keep their connections
    (CONN_MAX_AGE): a connection is told only when the request needs another limit than
    the one it has, so a visitor's request after a visitor's sends nothing for it (a SET
    before and a RESET after every request were two round trips to PostgreSQL, 0.3-0.4 ms
    of each rendered page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor != "postgresql":
            return self.get_response(request)
        if request.user.is_authenticated:
            # Now, before the view can open a transaction that would take the RESET back.
            if connection.connection is not None:
                with connection.cursor() as cursor:
                    _tell(connection, cursor.cursor, None)
            return self.get_response(request)
        limit = settings.ANONYMOUS_STATEMENT_TIMEOUT
        with connection.execute_wrapper(Limiter(int(limit) if limit else None)):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError) and is_statement_timeout(exception):
            return too_slow_page(request)
        return None


class Limiter:
    """Gives the connection a visitor's limit just before the request's first statement,
    so a request that never reaches the database (robots.txt, a redirect, a page made of
    what is kept) sends nothing for it."""

    def __init__(self, milliseconds):
        self.milliseconds, self.checked = milliseconds, False

    def __call__(self, execute, sql, params, many, context):
        if not self.checked:
            self.checked = True
            _tell(context["connection"], context["cursor"].cursor, self.milliseconds)
        return execute(sql, params, many, context)


UNKNOWN = object()


def _tell(wrapper, cursor, milliseconds):
    """Give the connection `milliseconds` (None: the server's default) unless it has it.
    `cursor` is the driver's, so the statement does not go through the Limiter again. What
    a connection was told is remembered with the connection it was told to: a new one has
    the server's default. A SET inside a transaction may be rolled back with it, so it is
    not remembered."""
    told, told_to = getattr(wrapper, "statement_timeout_told", (None, None))
    if told_to is not wrapper.connection:
        told = None
    if told == milliseconds:
        return
    if milliseconds is None:
        cursor.execute("RESET statement_timeout")
    else:
        cursor.execute("SET statement_timeout = %s", [milliseconds])
    told = UNKNOWN if wrapper.in_atomic_block else milliseconds
    wrapper.statement_timeout_told = (told, wrapper.connection)
