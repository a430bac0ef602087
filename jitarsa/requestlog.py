"""One log line per request: method, path (never the query string), status, duration and
the visitor's address (as login throttling sees it: core.proxy).

The query string is left out because it is where secrets leak (tokens, reset links,
search terms); cookies, headers and bodies are never logged, so neither are session
ids nor passwords.
"""

import logging
import time

from core.proxy import client_address

logger = logging.getLogger("jitarsa.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        milliseconds = (time.perf_counter() - started) * 1000
        logger.info(
            "%s %s %s %.0fms %s",
            request.method,
            request.path,
            response.status_code,
            milliseconds,
            client_address(request) or "-",
            extra={"status_code": response.status_code},
        )
        return response
