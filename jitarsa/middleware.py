"""Response headers Django has no setting for."""

import re

from django.conf import settings
from django.utils.cache import patch_cache_control

# The staff area, the account pages and the admin (reports included), in either language.
PRIVATE_AREAS = re.compile(r"^/(?:en/)?(?:staff|accounts|admin)/")


def security_headers(get_response):
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response

    return middleware


def private_pages(get_response):
    """`Cache-Control: private, no-store` on staff, account and admin pages: one person's
    drafts, reports and personal data are never kept by a proxy, nor by the browser of a
    shared office computer for the Back button to show after signing out."""

    def middleware(request):
        response = get_response(request)
        if PRIVATE_AREAS.match(request.path_info):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
