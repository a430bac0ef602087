"""The visitor's address, as the proxies in front of the app report it.

Behind a load balancer every request comes from the balancer's address, so login
throttling, the password-reset limits and the request log would all see one visitor. Each
proxy appends the address it received the request from to X-Forwarded-For; with
PROXY_COUNT proxies of our own in front, the visitor's address is the PROXY_COUNT-th entry
from the right. Entries further left were written by the visitor and are never trusted.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's IP address (django-axes' AXES_CLIENT_IP_CALLABLE too)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:  # did not come through all our proxies (a probe, say)
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
