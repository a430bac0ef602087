"""PDPA: accounts are deactivated, never deleted; what a deactivated person did stays theirs."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from activities.models import Transition
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def coordinator(client):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


@pytest.fixture
def leaver():
    return make_staff(agency("peo-chiang-mai"), "leaver", first_name="สมหญิง", last_name="ลาออก")


def deactivate(client, user):
    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [user.pk]},
    )
    user.refresh_from_db()


def test_coordinators_have_no_delete_page_for_accounts(client, coordinator, leaver):
    url = reverse("admin:auth_user_delete", args=[leaver.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=leaver.pk).exists()


def test_coordinators_have_no_delete_action_for_accounts(client, coordinator, leaver):
    changelist = reverse("admin:auth_user_changelist")
    actions = client.get(changelist).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]
    client.post(changelist, {"action": "delete_selected", "_selected_action": [leaver.pk]})
    assert User.objects.filter(pk=leaver.pk).exists()


def test_deactivated_author_history_stays_attributable(client, coordinator, leaver):
    post = make_activity(agency("peo-chiang-mai"), by=leaver, status="submitted")
    deactivate(client, leaver)
    assert leaver.is_active is False
    assert Transition.objects.filter(actor=leaver).count() == 1  # the submission
    page = client.get(reverse("admin:activities_activity_change", args=[post.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("leaver") >= 2  # author and history rows name them


def test_deactivated_user_cannot_log_in(client, coordinator, leaver):
    deactivate(client, leaver)
    client.logout()
    response = client.post(
        reverse("login"), {"username": "leaver", "password": "pass-1234-word"}, follow=True
    )
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(reverse("staff:list")).status_code == 302


def test_deactivated_user_session_ends(client, leaver):
    client.force_login(leaver)
    leaver.is_active = False
    leaver.save()
    response = client.get(reverse("staff:list"))
    assert response.status_code == 302
    assert "/login/" in response.url
