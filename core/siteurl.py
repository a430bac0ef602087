"""The site's own address in links that leave the page (og:url, share links, hreflang, the
copy-link button, canonical): SITE_URL in production; in development (DEBUG) the address
actually served, so `make run PORT=8100` shares links that work."""

from django.conf import settings


def site_url(request=None):
    if settings.DEBUG and request is not None:
        # get_host() checks ALLOWED_HOSTS, so this is never a name a client made up.
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL
