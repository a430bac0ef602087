"""Login throttling on top of django-axes, and the page a paused login sees.

django-axes locks one username from one address after 5 failures (15 minutes): right for
ministry offices, where hundreds of staff share one NAT address. It cannot also say "this
many failures from one address, whatever the usernames" with another number and another
window, which is what stops one machine trying a few passwords on every account. So
`LoginHandler` (settings.AXES_HANDLER) adds that ceiling: 30 failures an hour from one
address pause every login from it until the hour that began with its first failure is over.
docs/security.md weighs the numbers.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.shortcuts import render

from core.proxy import client_address
from core.ratelimit import Limit

FAILURES_PER_ADDRESS = Limit("login-failures", 30, 60 * 60)


class LoginHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or _address_paused(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        # Not reset by a successful login: one known password must not reopen the address.
        FAILURES_PER_ADDRESS.hit(client_address(request))
        if _address_paused(request):
            request.axes_locked_out = True  # django-axes' middleware then shows locked_out
            request.axes_credentials = credentials


def _address_paused(request):
    return FAILURES_PER_ADDRESS.reached(client_address(request))


def locked_out(request, original_response=None, credentials=None):
    """The page for a paused login (settings.AXES_LOCKOUT_CALLABLE): 429, in Thai first."""
    whole_network = _address_paused(request)
    if whole_network:
        minutes = FAILURES_PER_ADDRESS.seconds // 60
    else:
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "whole_network": whole_network}
    return render(request, "axes/lockout.html", context, status=429)
