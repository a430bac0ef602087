"""Staff turnover: who has stopped signing in, and moving a person to another agency.

Accounts are never deleted (their posts and history point at them); people who left are
deactivated with the user admin's existing action.
"""

import calendar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agencies.models import Membership


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (31 March − 1 → 28/29 Feb)."""
    year, month = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + year, month + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def not_signed_in_for(users, months, now=None):
    """Accounts with no sign-in for `months` months: signed in before then, or never
    signed in though created before then (an invitation never taken up counts too)."""
    cutoff = months_before(now or timezone.now(), months)
    return users.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


def never_signed_in(users):
    return users.filter(last_login__isnull=True)


def move(user, *, to, leaving=None):
    """Move `user` from `leaving` (an agency, or all their agencies when None) to `to`.

    Only memberships change: the posts they wrote keep their author and their agency, so
    the old agency's record and the person's history stay whole. Returns the agencies left.
    """
    with transaction.atomic():
        ending = Membership.objects.filter(user=user).exclude(agency=to).select_related("agency")
        if leaving is not None:
            ending = ending.filter(agency=leaving)
        left = [m.agency for m in ending]
        Membership.objects.filter(pk__in=[m.pk for m in ending]).delete()
        Membership.objects.get_or_create(user=user, agency=to)
    return left
