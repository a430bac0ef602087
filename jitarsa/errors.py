"""The pages the site answers with when something goes wrong: 400, 403, 404, 500, a failed
CSRF check and the database outage (503).

Thai at /, English under /en/: the language comes from the address alone, since the locale
middleware may not have run. They are drawn without a request context, so no context
processor runs and nothing reaches the database, the session or the user: the 500 and 503
pages must work when those are what failed, and a flood of 404s costs no query.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def error_page(request, template, status, **context):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    context.update(CONTACT_EMAIL=settings.CONTACT_EMAIL, CONTACT_PHONE=settings.CONTACT_PHONE)
    with translation.override(language):
        html = loader.render_to_string(template, context)
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    # Our own refusals are sentences for the user ("This post cannot be changed while …").
    reason = str(exception) if exception is not None and exception.args else ""
    return error_page(request, "403.html", 403, reason=reason)


def page_not_found(request, exception=None):
    return error_page(request, "404.html", 404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a form left open too long, or cookies turned off."""
    return error_page(request, "403_csrf.html", 403)


def try_again_page(request, template, *, retry_after, status=503):
    """A page asking the visitor to come back in `retry_after` seconds; never cached."""
    response = error_page(request, template, status)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def outage_page(request):
    return try_again_page(request, "503.html", retry_after=RETRY_AFTER_SECONDS)


def server_error(request):
    """handler500: a database outage met outside a view (sessions, middleware) is a 503."""
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return outage_page(request)
    return error_page(request, "500.html", 500)
