"""A visitor who is not signed in may make the site render only so many pages a minute:
beyond that, pages the cache holds are still served, new ones wait a minute."""

import pytest

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _budget(settings):
    settings.ANONYMOUS_RENDERS_PER_MINUTE = 3


def new_pages(client, count, **extra):
    return [client.get("/activities/", {"q": f"คำที่{n}"}, **extra) for n in range(count)]


def test_a_visitor_over_the_budget_is_asked_to_wait_in_thai(client, publish):
    publish()
    refused = new_pages(client, 4)[-1]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "ขอหน้าใหม่ถี่เกินไป" in refused.content.decode()


def test_the_budget_lets_a_person_browse(client, publish):
    publish()
    assert [r.status_code for r in new_pages(client, 3)] == [200, 200, 200]


def test_pages_from_the_cache_are_served_over_the_budget(client, publish):
    publish()
    client.get("/activities/")
    client.get("/activities/")  # stored
    new_pages(client, 2)
    response = client.get("/activities/")
    assert response.status_code == 200 and response["X-Cache"] == "hit"


def test_another_visitor_keeps_their_own_budget(client, publish):
    publish()
    new_pages(client, 4)
    assert new_pages(client, 1, REMOTE_ADDR="203.0.113.9")[0].status_code == 200


def test_signed_in_staff_are_never_refused(client, publish):
    publish()
    client.force_login(make_user())
    assert {r.status_code for r in new_pages(client, 5)} == {200}


def test_a_refusal_is_not_cached(client, publish):
    publish()
    new_pages(client, 4)
    refused = client.get("/activities/", {"q": "คำที่3"})
    assert refused.status_code == 429 and refused["Cache-Control"] == "no-store"


def test_zero_turns_the_budget_off(client, publish, settings):
    settings.ANONYMOUS_RENDERS_PER_MINUTE = 0
    publish()
    assert {r.status_code for r in new_pages(client, 6)} == {200}
