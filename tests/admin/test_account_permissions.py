"""Who may change which account in the admin, tried as a hostile user would: every form
posts the fields the stock superuser form has (superuser status, admin access, groups,
permissions), and the database is checked afterwards.

Superusers manage everyone. Coordinators manage staff accounts (no superuser status, no
group but "agency staff", no permission of their own) and see every other account,
themselves included, read-only; they never set a password. Staff with admin access have no
part in accounts or groups. The role table in docs/security.md says the same.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP
from tests.factories import agency, make_coordinator, make_staff, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()
CHANGELIST = reverse("admin:auth_user_changelist")
ADD = reverse("admin:auth_user_add")
ACTORS = ["superuser", "coordinator", "staff_admin"]
TARGETS = ["self", "staff", "staff_admin", "coordinator", "superuser"]


@pytest.fixture
def people(db):
    chiang_mai = agency("peo-chiang-mai")
    return {
        "superuser": make_user("root", role=None, is_superuser=True, is_staff=True),
        "coordinator": make_coordinator("coord"),
        "staff_admin": make_staff(chiang_mai, "staffadmin", is_staff=True),
        # The accounts acted on, other than the actor itself.
        "other superuser": make_user("root2", role=None, is_superuser=True, is_staff=True),
        "other coordinator": make_coordinator("coord2"),
        "other staff_admin": make_staff(chiang_mai, "staffadmin2", is_staff=True),
        "other staff": make_staff(chiang_mai, "somchai"),
    }


def target_of(people, actor, target):
    return people[actor] if target == "self" else people[f"other {target}"]


def login(client, people, actor):
    client.force_login(people[actor])
    return people[actor]


def state(user):
    """Everything a hostile post might try to change, read fresh from the database."""
    user = User.objects.get(pk=user.pk)
    return {
        "first_name": user.first_name,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": set(user.groups.values_list("name", flat=True)),
        "permissions": set(user.user_permissions.values_list("codename", flat=True)),
        "password": user.password,
        "agencies": set(user.memberships.values_list("agency__slug", flat=True)),
    }


def group_ids(*names):
    return [Group.objects.get(name=n).pk for n in names]


def permission_ids(*codenames):
    return [Permission.objects.get(codename=c).pk for c in codenames]


def hostile_change(user, *, groups=(COORDINATOR_GROUP,), **changes):
    """Every field of Django's own user form, set as someone reaching for power would."""
    memberships = list(user.memberships.all())
    data = {
        "username": user.username,
        "first_name": "ถูกแก้",
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": group_ids(*groups),
        "user_permissions": permission_ids("add_group", "change_group", "change_permission"),
        "password": "md5$forged$hash",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": len(memberships) + 1,
        "memberships-INITIAL_FORMS": len(memberships),
        "line_link-TOTAL_FORMS": 0,
        "line_link-INITIAL_FORMS": 0,
        f"memberships-{len(memberships)}-user": user.pk,
        f"memberships-{len(memberships)}-agency": agency("peo-lamphun").pk,
    }
    for i, membership in enumerate(memberships):
        data[f"memberships-{i}-id"] = membership.pk
        data[f"memberships-{i}-user"] = user.pk
        data[f"memberships-{i}-agency"] = membership.agency_id
    data.update(changes)
    return data


# ---- the change form ---------------------------------------------------------------------

# What each actor gets on each account's change page: a form it may save ("edit"), the
# account shown read-only ("view"), or 403.
CHANGE_PAGE = {
    "superuser": {t: "edit" for t in TARGETS},
    "coordinator": {
        "self": "view",
        "staff": "edit",
        "staff_admin": "edit",
        "coordinator": "view",
        "superuser": "view",
    },
    "staff_admin": {t: 403 for t in TARGETS},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_change_page(client, people, actor, target):
    login(client, people, actor)
    user = target_of(people, actor, target)
    response = client.get(reverse("admin:auth_user_change", args=[user.pk]))
    expected = CHANGE_PAGE[actor][target]
    if expected == 403:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert response.context["has_change_permission"] is (expected == "edit")


@pytest.mark.parametrize("actor", ["coordinator", "staff_admin"])
@pytest.mark.parametrize("target", TARGETS)
def test_hostile_change_post_changes_nothing_it_may_not(client, people, actor, target):
    """Coordinators may rename a staff account; nobody but a superuser grants power."""
    login(client, people, actor)
    user = target_of(people, actor, target)
    before = state(user)
    data = hostile_change(user, groups=(STAFF_GROUP,))
    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), data)
    after = state(user)
    if CHANGE_PAGE[actor][target] == "edit":
        assert response.status_code == 302
        assert after == {
            **before,
            "first_name": "ถูกแก้",
            "groups": {STAFF_GROUP},
            "agencies": before["agencies"] | {"peo-lamphun"},
        }
    else:
        assert response.status_code == 403
        assert after == before


@pytest.mark.parametrize("target", ["staff", "staff_admin"])
def test_coordinator_cannot_put_staff_in_the_coordinator_group(client, people, target):
    login(client, people, "coordinator")
    user = people[f"other {target}"]
    before = state(user)
    response = client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        hostile_change(user, groups=(STAFF_GROUP, COORDINATOR_GROUP)),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"]
    assert state(user) == before


def test_coordinator_can_take_a_staff_account_out_of_the_staff_group(client, people):
    login(client, people, "coordinator")
    user = people["other staff"]
    client.post(reverse("admin:auth_user_change", args=[user.pk]), hostile_change(user, groups=()))
    assert state(user)["groups"] == set()


@pytest.mark.parametrize("target", TARGETS)
def test_superuser_may_grant_anything(client, people, target):
    login(client, people, "superuser")
    user = target_of(people, "superuser", target)
    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), hostile_change(user))
    assert response.status_code == 302
    after = state(user)
    assert (after["is_superuser"], after["is_staff"], after["groups"]) == (
        True,
        True,
        {COORDINATOR_GROUP},
    )
    assert after["permissions"] == {"add_group", "change_group", "change_permission"}


def test_coordinator_form_offers_only_the_staff_group(client, people):
    login(client, people, "coordinator")
    user = people["other staff"]
    form = client.get(reverse("admin:auth_user_change", args=[user.pk])).context["adminform"].form
    assert list(form.fields["groups"].queryset) == [Group.objects.get(name=STAFF_GROUP)]
    assert not {"is_superuser", "is_staff", "user_permissions", "password"} & set(form.fields)


def test_coordinator_is_not_offered_the_password_form(client, people):
    login(client, people, "coordinator")
    user = people["other staff"]
    page = client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert "../password/" not in page
    assert reverse("admin:auth_user_password_change", args=[user.pk]) not in page


# ---- the password form -------------------------------------------------------------------

PASSWORD_PAGE = {
    "superuser": {t: 200 for t in TARGETS},
    "coordinator": {t: 403 for t in TARGETS},
    "staff_admin": {t: 403 for t in TARGETS},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_password_form(client, people, actor, target):
    login(client, people, actor)
    user = target_of(people, actor, target)
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    expected = PASSWORD_PAGE[actor][target]
    assert client.get(url).status_code == expected
    before = state(user)["password"]
    new = "Chosen-by-someone-else-42"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    changed = User.objects.get(pk=user.pk).check_password(new)
    if expected == 200:
        assert response.status_code == 302 and changed
    else:
        assert response.status_code == 403
        assert not changed and state(user)["password"] == before


# ---- adding an account -------------------------------------------------------------------


def hostile_add(username):
    return {
        "username": username,
        "first_name": "ใหม่",
        "email": f"{username}@example.com",
        "usable_password": "true",
        "password1": "Chosen-by-the-creator-42",
        "password2": "Chosen-by-the-creator-42",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": group_ids(COORDINATOR_GROUP),
        "user_permissions": permission_ids("add_group"),
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 0,
        "memberships-0-agency": agency("peo-lamphun").pk,
        "line_link-TOTAL_FORMS": 0,
        "line_link-INITIAL_FORMS": 0,
    }


def test_coordinator_adds_a_staff_account_and_nothing_more(client, people, mailoutbox):
    login(client, people, "coordinator")
    response = client.post(ADD, hostile_add("newstaff"))
    assert response.status_code == 302
    made = state(User.objects.get(username="newstaff"))
    assert made["groups"] == {STAFF_GROUP}
    assert made["agencies"] == {"peo-lamphun"}
    assert (made["is_staff"], made["is_superuser"], made["permissions"]) == (False, False, set())
    assert not User.objects.get(username="newstaff").has_usable_password()


def test_coordinator_add_form_has_no_password_or_power_fields(client, people):
    login(client, people, "coordinator")
    form = client.get(ADD).context["adminform"].form
    assert not {"password1", "password2", "is_superuser", "is_staff", "groups"} & set(form.fields)


def test_new_account_is_e_mailed_a_link_to_choose_a_password(
    client, people, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, people, "coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, {**hostile_add("newstaff"), "invite": "on"})
    assert [m.to for m in mailoutbox] == [["newstaff@example.com"]]
    assert "/accounts/reset/" in mailoutbox[0].body


def test_superuser_adds_an_account_with_a_password(client, people):
    login(client, people, "superuser")
    assert client.post(ADD, hostile_add("newroot")).status_code == 302
    assert User.objects.get(username="newroot").check_password("Chosen-by-the-creator-42")


def test_staff_with_admin_access_cannot_add_accounts(client, people):
    login(client, people, "staff_admin")
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, hostile_add("sneaky")).status_code == 403
    assert not User.objects.filter(username="sneaky").exists()


# ---- list actions ------------------------------------------------------------------------

# Whether each actor's action reaches each account.
DEACTIVATES = {
    "superuser": {**dict.fromkeys(TARGETS, True), "self": False},  # never oneself
    "coordinator": {**dict.fromkeys(TARGETS, False), "staff": True, "staff_admin": True},
    "staff_admin": dict.fromkeys(TARGETS, False),
}
E_MAILS = {**DEACTIVATES, "superuser": dict.fromkeys(TARGETS, True)}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_deactivate_action(client, people, actor, target):
    login(client, people, actor)
    user = target_of(people, actor, target)
    response = client.post(CHANGELIST, {"action": "deactivate", "_selected_action": [user.pk]})
    assert response.status_code == (403 if actor == "staff_admin" else 302)
    assert User.objects.get(pk=user.pk).is_active is not DEACTIVATES[actor][target]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_set_password_email_action(client, people, actor, target, mailoutbox):
    login(client, people, actor)
    user = target_of(people, actor, target)
    data = {"action": "send_set_password_email", "_selected_action": [user.pk]}
    response = client.post(CHANGELIST, data)
    assert response.status_code == (403 if actor == "staff_admin" else 302)
    assert [m.to for m in mailoutbox] == ([[user.email]] if E_MAILS[actor][target] else [])


# ---- groups ------------------------------------------------------------------------------

GROUP_PAGES = {"superuser": (200, "edit"), "coordinator": (200, "view"), "staff_admin": (403, "")}


@pytest.mark.parametrize("actor", ACTORS)
def test_group_pages(client, people, actor):
    login(client, people, actor)
    code, mode = GROUP_PAGES[actor]
    staff_group = Group.objects.get(name=STAFF_GROUP)
    response = client.get(reverse("admin:auth_group_change", args=[staff_group.pk]))
    assert response.status_code == code
    if code == 200:
        assert response.context["has_change_permission"] is (mode == "edit")
    add = client.get(reverse("admin:auth_group_add"))
    assert add.status_code == (200 if actor == "superuser" else 403)


@pytest.mark.parametrize("actor", ACTORS)
def test_group_permissions_change_only_by_superuser(client, people, actor):
    login(client, people, actor)
    staff_group = Group.objects.get(name=STAFF_GROUP)
    before = set(staff_group.permissions.all())
    data = {
        "name": STAFF_GROUP,
        "permissions": [p.pk for p in before] + permission_ids("change_user", "add_group"),
    }
    response = client.post(reverse("admin:auth_group_change", args=[staff_group.pk]), data)
    after = set(staff_group.permissions.all())
    if actor == "superuser":
        assert response.status_code == 302 and len(after) == len(before) + 2
    else:
        assert response.status_code == 403 and after == before


@pytest.mark.parametrize("actor", ACTORS)
def test_groups_are_added_and_deleted_only_by_superuser(client, people, actor):
    login(client, people, actor)
    data = {"name": "admins", "permissions": permission_ids("change_user")}
    added = client.post(reverse("admin:auth_group_add"), data)
    coordinators = Group.objects.get(name=COORDINATOR_GROUP)
    deleted = client.post(
        reverse("admin:auth_group_delete", args=[coordinators.pk]), {"post": "yes"}
    )
    if actor == "superuser":
        assert (added.status_code, deleted.status_code) == (302, 302)
        assert not Group.objects.filter(pk=coordinators.pk).exists()
    else:
        assert (added.status_code, deleted.status_code) == (403, 403)
        assert not Group.objects.filter(name="admins").exists()
        assert Group.objects.filter(pk=coordinators.pk).exists()
