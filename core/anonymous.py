"""What an anonymous request is: the question the page cache and the statement limit
(jitarsa/statement_timeout.py) both ask."""

from django.conf import settings


def is_anonymous(request):
    """Decided from cookies alone, so a cache hit never touches the session table."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies
