"""Five wrong passwords for one username from one address lock that pair out for 15 minutes."""

import datetime

import pytest
from axes.models import AccessAttempt

from tests.factories import agency, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-word"
# Every login form of the site; the staff login joins with one line when it exists.
LOGIN_URLS = ["/admin/login/"]


def _try(client, url, username, password="wrong-password", ip="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail_five_times(client, url, username, ip="203.0.113.7"):
    """Four failures show the form again; the fifth already answers with the lockout page."""
    statuses = [_try(client, url, username, ip=ip).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


@pytest.fixture
def coordinator(db):
    return make_coordinator("somchai")


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_sixth_attempt_is_refused_even_with_the_right_password(client, coordinator, url):
    _fail_five_times(client, url, "somchai")
    response = _try(client, url, "somchai", PASSWORD)
    assert response.status_code == 429
    assert "เข้าสู่ระบบผิดหลายครั้งเกินไป" in response.content.decode()
    assert "15 นาที" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_four_failures_still_let_the_right_password_in(client, coordinator, url):
    for _ in range(4):
        _try(client, url, "somchai")
    response = _try(client, url, "somchai", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_lockout_is_for_the_username_from_that_address_only(client, coordinator, url):
    _fail_five_times(client, url, "somchai")
    assert _try(client, url, "somchai", PASSWORD, ip="198.51.100.9").status_code == 302


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_lockout_ends_after_fifteen_minutes(client, coordinator, url):
    _fail_five_times(client, url, "somchai")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert _try(client, url, "somchai", PASSWORD).status_code == 302


def test_coordinator_unlocks_a_locked_out_login_in_the_admin(client, coordinator):
    staff = make_staff(agency("peo-chiang-mai"), "malee")
    staff.is_staff = True
    staff.save()
    _fail_five_times(client, "/admin/login/", "malee")
    attempt = AccessAttempt.objects.get(username="malee")

    admin = type(client)()
    admin.force_login(coordinator)
    changelist = admin.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert "malee" in changelist.content.decode()
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="malee").exists()
    assert _try(client, "/admin/login/", "malee", PASSWORD).status_code == 302


def test_agency_staff_cannot_see_or_clear_access_attempts(client):
    staff = make_staff(agency("peo-chiang-mai"), is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_coordinators_find_the_lockouts_under_a_thai_name(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/admin/").content.decode()
    assert "การพยายามเข้าสู่ระบบ (ล็อกอยู่/ปลดล็อก)" in page


# ---- behind the load balancer (hole 7) ---------------------------------------------------

LOAD_BALANCER = "10.0.0.2"


def _through_proxy(client, username, forwarded_for, password="wrong-password"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=LOAD_BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def behind_load_balancer(settings):
    settings.PROXY_COUNT = 1  # what .env.example documents


def test_behind_the_load_balancer_a_stranger_cannot_lock_out_the_user(
    client, coordinator, behind_load_balancer
):
    statuses = [_through_proxy(client, "somchai", "203.0.113.7").status_code for _ in range(5)]
    assert statuses[-1] == 429
    response = _through_proxy(client, "somchai", "198.51.100.9", PASSWORD)
    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_dodge_the_lockout(
    client, coordinator, behind_load_balancer
):
    # The client sends its own X-Forwarded-For; the load balancer appends the real address.
    statuses = [
        _through_proxy(client, "somchai", f"192.0.2.{n}, 203.0.113.7").status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]


# ---- spraying from one address (hole 6) --------------------------------------------------


def _spray(client, usernames=8, tries=4, ip="203.0.113.7", prefix="guess"):
    """Several usernames, each kept below its own lock of five."""
    return [
        _try(client, "/admin/login/", f"{prefix}{n}", ip=ip).status_code
        for n in range(usernames)
        for _ in range(tries)
    ]


def test_thirty_failures_from_one_address_in_an_hour_pause_that_address(client, coordinator):
    statuses = _spray(client)
    assert statuses[:29] == [200] * 29
    assert statuses[29:] == [429, 429, 429]
    assert _try(client, "/admin/login/", "somchai", PASSWORD).status_code == 429


def test_the_paused_address_is_told_it_is_the_network_for_up_to_an_hour(client, coordinator):
    _spray(client)
    page = _try(client, "/accounts/login/", "somchai", PASSWORD).content.decode()
    assert "เครือข่าย" in page and "60 นาที" in page


def test_other_addresses_sign_in_while_one_address_is_paused(client, coordinator):
    _spray(client)
    assert _try(client, "/admin/login/", "somchai", PASSWORD, ip="198.51.100.9").status_code == 302


def test_a_successful_sign_in_does_not_reset_the_address_count(client, coordinator):
    _spray(client, usernames=7)  # 28 failures
    assert _try(client, "/admin/login/", "somchai", PASSWORD).status_code == 302
    client.logout()
    assert _spray(client, usernames=1, tries=2, prefix="again") == [200, 429]
