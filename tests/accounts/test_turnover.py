"""Staff turnover in the user admin: who stopped signing in, moving people between agencies."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.turnover import months_before
from agencies.models import Membership
from tests.factories import agency, make_activity, make_coordinator, make_staff, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
CHANGELIST = reverse("admin:auth_user_changelist")


@pytest.fixture
def coordinator(client):
    user = make_coordinator("desk")
    client.force_login(user)
    return user


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def staff(username, *, last_login=None, joined_days_ago=400):
    user = make_staff(agency("peo-chiang-mai"), username)
    User.objects.filter(pk=user.pk).update(last_login=last_login, date_joined=ago(joined_days_ago))
    return user


def listed(client, **query):
    response = client.get(CHANGELIST, query)
    return {u.username for u in response.context["cl"].result_list} - {"desk"}


def test_filter_finds_staff_away_for_six_months(client, coordinator):
    staff("away", last_login=ago(200))
    staff("recent", last_login=ago(20))
    staff("invited-long-ago")
    staff("invited-last-week", joined_days_ago=7)
    assert listed(client, away="6") == {"away", "invited-long-ago"}


def test_filter_takes_any_number_of_months(client, coordinator):
    staff("nine-months", last_login=ago(280))
    staff("seven-months", last_login=ago(215))
    assert listed(client, away="9") == {"nine-months"}


def test_filter_for_never_signed_in(client, coordinator):
    staff("never", joined_days_ago=3)
    staff("once", last_login=ago(300))
    assert listed(client, away="never") == {"never"}


def test_a_nonsense_filter_value_is_ignored(client, coordinator):
    staff("someone", last_login=ago(1))
    assert "someone" in listed(client, away="forever")


def test_found_accounts_are_deactivated_with_the_existing_action(client, coordinator):
    user = staff("away", last_login=ago(400))
    data = {"action": "deactivate", "_selected_action": [user.pk]}
    client.post(f"{CHANGELIST}?away=12", data)
    user.refresh_from_db()
    assert not user.is_active


def move(client, *users, to, leaving=""):
    data = {
        "action": "move_to_agency",
        "_selected_action": [u.pk for u in users],
        "apply": "1",
        "to": agency(to).pk,
        "leaving": agency(leaving).pk if leaving else "",
    }
    return client.post(CHANGELIST, data, follow=True)


def agencies_of(user):
    return set(Membership.objects.filter(user=user).values_list("agency__slug", flat=True))


def test_move_asks_where_to_before_moving(client, coordinator):
    user = staff("somchai")
    data = {"action": "move_to_agency", "_selected_action": [user.pk]}
    page = client.post(CHANGELIST, data)
    assert "ย้ายไปสังกัด" in page.text
    assert agencies_of(user) == {"peo-chiang-mai"}


def test_move_changes_the_agency_and_keeps_the_posts_history(client, coordinator):
    user = staff("somchai")
    post = make_activity(agency("peo-chiang-mai"), by=user, status="published")
    move(client, user, to="peo-lamphun")
    post.refresh_from_db()
    assert agencies_of(user) == {"peo-lamphun"}
    assert (post.created_by, post.agency.slug) == (user, "peo-chiang-mai")
    assert post.transitions.count() == 2
    row = client.get(CHANGELIST, {"q": "somchai"}).context["cl"].result_list[0]
    assert row.posts == 1


def test_move_from_one_agency_keeps_the_others(client, coordinator):
    user = make_user("somchai", agencies=[agency("peo-chiang-mai"), agency("reo-15")])
    move(client, user, to="peo-lamphun", leaving="peo-chiang-mai")
    assert agencies_of(user) == {"reo-15", "peo-lamphun"}


def test_move_is_recorded_in_the_user_history(client, coordinator):
    user = staff("somchai")
    move(client, user, to="peo-lamphun")
    entry = LogEntry.objects.get(object_id=str(user.pk))
    assert entry.change_message == "ย้ายจาก ศธจ.เชียงใหม่ ไป ศธจ.ลำพูน"


def test_move_leaves_coordinators_alone(client, coordinator):
    other = make_coordinator("other", agencies=[agency("peo-chiang-mai")])
    response = move(client, other, to="peo-lamphun")
    assert agencies_of(other) == {"peo-chiang-mai"}
    assert "เป็นผู้ประสานงานหรือผู้ดูแลระบบ จึงไม่ได้ย้าย" in response.text


def test_staff_with_admin_access_cannot_move_anyone(client):
    user = staff("somchai")
    client.force_login(make_staff(agency("peo-lamphun"), is_staff=True))
    assert move(client, user, to="peo-lamphun").status_code == 403
    assert agencies_of(user) == {"peo-chiang-mai"}


def test_months_before_keeps_to_the_end_of_a_short_month():
    moment = datetime.datetime(2026, 3, 31, 9, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 9, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 15).date() == datetime.date(2024, 12, 31)
