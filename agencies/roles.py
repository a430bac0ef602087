"""Who a user is to the portal, answered from permissions and agency memberships.

A coordinator is whoever holds the review permission (superusers hold every permission);
the coordinator group grants it (the activities migration `activity_types_and_roles`,
whose number may change when migrations are squashed). Agency staff act for the
agencies they are members of and post with the staff group's permissions. Nothing outside
this module looks at group names; the two names below are how accounts are given a role
(import_staff, the account admin, the demo data).

The permissions are named by string so that `agencies` never imports `activities`.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "agency staff"
COORDINATOR_GROUP = "coordinator"
ROLE_LABELS = {STAFF_GROUP: _("agency staff"), COORDINATOR_GROUP: _("coordinator")}

REVIEW_PERMISSION = "activities.review_activity"
POST_PERMISSION = "activities.add_activity"
# Where permissions live (with_perm must be told; django-axes' backend holds none).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def role_label(group):
    """A group's name as people read it (the stored names are the English ones above)."""
    return str(ROLE_LABELS.get(group.name, group.name))


def is_coordinator(user):
    """May this user review: publish, return, unpublish, feature, archive (and see every post)?"""
    return user.has_perm(REVIEW_PERMISSION)


def coordinators():
    """The active accounts that may review, superusers included."""
    return get_user_model().objects.with_perm(REVIEW_PERMISSION, backend=PERMISSION_BACKEND)


def staff_of(agencies):
    """The active accounts that post for any of `agencies`."""
    posters = get_user_model().objects.with_perm(POST_PERMISSION, backend=PERMISSION_BACKEND)
    return posters.filter(memberships__agency__in=agencies).distinct()


def agency_ids_of(user):
    """The ids of the active agencies a user acts for (cached on the user for the request)."""
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
    return is_coordinator(user) or (user.has_perm(POST_PERMISSION) and bool(agency_ids_of(user)))


def staff_group():
    return Group.objects.get(name=STAFF_GROUP)


def grantable_groups(user):
    """The groups `user` may put an account in: any for a superuser, else the staff group."""
    groups = Group.objects.all()
    return groups if user.is_superuser else groups.filter(name=STAFF_GROUP)


def staff_accounts():
    """The accounts a coordinator manages: no superuser status, no group but the staff
    group and no permission of their own. Coordinators, and anyone a superuser gave more,
    are above a coordinator's level."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .exclude(groups__in=Group.objects.exclude(name=STAFF_GROUP))
        .exclude(user_permissions__isnull=False)
    )


def roles_of(accounts):
    """{pk: "coordinator" | "staff" | ""} for `accounts`, deactivated ones included (a
    deactivated coordinator is one reactivation away from the powers). Anyone above a
    coordinator's level counts as "coordinator". Two queries, however many accounts."""
    pks = [a.pk for a in accounts]
    staff_level = set(staff_accounts().filter(pk__in=pks).values_list("pk", flat=True))
    in_staff_group = set(
        get_user_model()
        .objects.filter(pk__in=pks, groups__name=STAFF_GROUP)
        .values_list("pk", flat=True)
    )
    return {
        pk: "staff" if pk in in_staff_group else "" if pk in staff_level else "coordinator"
        for pk in pks
    }


def manageable_by(user, accounts):
    """Those of `accounts` that `user` (who holds the change-user permission) may change:
    all of them for a superuser, only staff accounts for anyone else (so never a
    coordinator's own account)."""
    if user.is_active and user.is_superuser:
        return accounts
    return accounts.filter(pk__in=staff_accounts().values("pk"))


def may_manage(user, account):
    return manageable_by(user, get_user_model().objects.filter(pk=account.pk)).exists()
