import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import path, reverse

from agencies.models import Membership
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()
CHANGELIST = reverse("admin:auth_user_changelist")

# A deployment without the set-password pages (for the message the action gives then).
urlpatterns = [path("admin/", admin.site.urls)]


@pytest.fixture
def coordinator(client):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


def act(client, action, *users):
    data = {"action": action, "_selected_action": [u.pk for u in users]}
    return client.post(CHANGELIST, data, follow=True)


def test_list_shows_role_agency_and_post_count(client, coordinator):
    staff = make_staff(agency("peo-chiang-mai"), "somchai")
    make_activity(agency("peo-chiang-mai"), by=staff)
    make_activity(agency("peo-chiang-mai"), by=staff)
    response = client.get(CHANGELIST, {"q": "somchai"})
    row = response.context["cl"].result_list[0]
    assert row.posts == 2
    page = response.content.decode()
    assert "เจ้าหน้าที่หน่วยงาน" in page or "agency staff" in page
    assert "ศธจ.เชียงใหม่" in page


def test_filter_by_agency(client, coordinator):
    make_staff(agency("peo-chiang-mai"), "a")
    make_staff(agency("peo-lamphun"), "b")
    response = client.get(CHANGELIST, {"memberships__agency__id__exact": agency("peo-lamphun").pk})
    assert [u.username for u in response.context["cl"].result_list] == ["b"]


def test_coordinator_assigns_an_agency_inline(client, coordinator):
    user = make_staff(agency("peo-chiang-mai"), "c")
    url = reverse("admin:auth_user_change", args=[user.pk])
    form = client.get(url).context["adminform"].form
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": user.memberships.get().pk,
        "memberships-0-user": user.pk,
        "memberships-0-agency": agency("peo-chiang-mai").pk,
        "memberships-1-user": user.pk,
        "memberships-1-agency": agency("peo-lamphun").pk,
        "line_link-TOTAL_FORMS": 0,
        "line_link-INITIAL_FORMS": 0,
    }
    assert form is not None
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert set(Membership.objects.filter(user=user).values_list("agency__slug", flat=True)) == {
        "peo-chiang-mai",
        "peo-lamphun",
    }


def test_deactivate_keeps_the_account(client, coordinator):
    user = make_staff(agency("peo-chiang-mai"))
    act(client, "deactivate", user)
    user.refresh_from_db()
    assert not user.is_active
    assert LogEntry.objects.filter(user=coordinator, object_id=str(user.pk)).exists()


def test_coordinator_cannot_deactivate_themself(client, coordinator):
    act(client, "deactivate", coordinator)
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_users_cannot_be_deleted(client, coordinator):
    user = make_staff(agency("peo-chiang-mai"))
    url = reverse("admin:auth_user_delete", args=[user.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_set_password_email_reaches_an_account_without_password(client, coordinator, mailoutbox):
    user = make_staff(agency("peo-chiang-mai"))
    user.set_unusable_password()
    user.save()
    act(client, "send_set_password_email", user)
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "/reset/" in mailoutbox[0].body


def test_staff_with_admin_access_cannot_open_users(client):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.get(CHANGELIST).status_code == 403


def test_site_header_is_thai(client, coordinator):
    assert "ระบบจิตอาสา กระทรวงศึกษาธิการ" in client.get(reverse("admin:index")).content.decode()
