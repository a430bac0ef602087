"""Roles are permissions: the review permission makes a coordinator, whichever way it was
granted; group names decide nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from agencies.roles import (
    COORDINATOR_GROUP,
    agency_ids_of,
    can_post,
    coordinators,
    is_coordinator,
    staff_of,
)
from tests.factories import agency, make_coordinator, make_staff, make_user

pytestmark = pytest.mark.django_db


def review_permission():
    return Permission.objects.get(codename="review_activity")


def test_the_review_permission_alone_makes_a_coordinator():
    user = make_user(role=None)
    user.user_permissions.add(review_permission())
    assert is_coordinator(user)


def test_the_coordinator_group_without_the_review_permission_makes_none():
    Group.objects.get(name=COORDINATOR_GROUP).permissions.remove(review_permission())
    assert not is_coordinator(make_coordinator())


def test_superusers_are_coordinators():
    assert is_coordinator(make_user(role=None, is_superuser=True))


@pytest.mark.parametrize(
    "who", ["anonymous", "agency staff", "inactive coordinator", "inactive superuser"]
)
def test_others_are_not_coordinators(who):
    user = {
        "anonymous": lambda: AnonymousUser(),
        "agency staff": lambda: make_staff(agency("peo-chiang-mai")),
        "inactive coordinator": lambda: make_coordinator(is_active=False),
        "inactive superuser": lambda: make_user(role=None, is_superuser=True, is_active=False),
    }[who]()
    assert not is_coordinator(user)


def test_coordinators_are_found_by_permission():
    direct = make_user("direct", role=None)
    direct.user_permissions.add(review_permission())
    make_coordinator("grouped")
    make_user("root", role=None, is_superuser=True)
    make_coordinator("retired", is_active=False)
    make_staff(agency("peo-chiang-mai"), "staff")
    found = set(coordinators().values_list("username", flat=True))
    assert found == {"direct", "grouped", "root"}


def test_agency_ids_leave_out_closed_agencies():
    open_, closed = agency("peo-chiang-mai"), agency("peo-lamphun")
    closed.is_active = False
    closed.save()
    user = make_user(role=None, agencies=[open_, closed])
    assert agency_ids_of(user) == {open_.pk}


def test_staff_with_an_agency_can_post():
    assert can_post(make_staff(agency("peo-chiang-mai")))


def test_a_member_without_the_posting_permission_cannot_post():
    assert not can_post(make_user(role=None, agencies=[agency("peo-chiang-mai")]))


def test_staff_without_an_agency_cannot_post():
    assert not can_post(make_user())


def test_staff_of_lists_the_posting_members_of_the_agencies():
    chiang_mai = agency("peo-chiang-mai")
    make_staff(chiang_mai, "poster")
    make_staff(agency("peo-lamphun"), "elsewhere")
    make_staff(chiang_mai, "gone", is_active=False)
    make_user("reader", role=None, agencies=[chiang_mai])
    assert set(staff_of([chiang_mai]).values_list("username", flat=True)) == {"poster"}
