"""The two roles, as Django groups, and the questions views ask about a user.

Groups and their permissions are created by a migration (agencies 0004).
"""

from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "agency staff"
COORDINATOR_GROUP = "coordinator"
ROLE_LABELS = {STAFF_GROUP: _("agency staff"), COORDINATOR_GROUP: _("coordinator")}


def _in_group(user, name):
    if not user.is_authenticated or not user.is_active:
        return False
    cache = getattr(user, "_jitarsa_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._jitarsa_groups = cache
    return name in cache


def is_coordinator(user):
    """Coordinators (the ministry's coordination centre) and superusers review and publish."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, COORDINATOR_GROUP
    )


def is_agency_staff(user):
    return _in_group(user, STAFF_GROUP)


def agency_ids_of(user):
    """The ids of the active agencies a user serves (cached on the user for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = getattr(user, "_jitarsa_agency_ids", None)
    if cache is None:
        from .models import Membership

        cache = frozenset(
            Membership.objects.active().filter(user=user).values_list("agency_id", flat=True)
        )
        user._jitarsa_agency_ids = cache
    return cache


def can_post(user):
    """May this user open the staff area and write posts?"""
    return is_coordinator(user) or (is_agency_staff(user) and bool(agency_ids_of(user)))
