"""Password-reset e-mails are limited (3 an hour per address and per account, 20 requests an
hour per visitor's address) and the page never says whether one was sent."""

import pytest
from django.core import mail

from tests.factories import agency, make_staff

pytestmark = pytest.mark.django_db

DONE = "/accounts/password/reset/sent/"


def ask(client, email, ip="203.0.113.7"):
    return client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def somchai():
    return make_staff(agency("peo-chiang-mai"), "somchai")


def test_ten_requests_send_three_emails_and_look_the_same(client, somchai):
    answers = {ask(client, "somchai@example.com")["Location"] for _ in range(10)}
    assert answers == {DONE}
    assert len(mail.outbox) == 3


def test_an_account_gets_three_emails_an_hour_however_its_address_is_written(client, somchai):
    for written in ("somchai@example.com", "SOMCHAI@example.com", "Somchai@Example.com") * 2:
        ask(client, written, ip=f"198.51.100.{len(mail.outbox)}")
    assert len(mail.outbox) == 3


def test_one_account_at_its_limit_does_not_stop_another(client, somchai):
    make_staff(agency("peo-chiang-mai"), "malee")
    for _ in range(4):
        ask(client, "somchai@example.com")
    ask(client, "malee@example.com")
    assert [m.to for m in mail.outbox][-1] == ["malee@example.com"]


def test_a_shared_office_mailbox_gets_three_emails_an_hour_in_all(client):
    for name in ("office1", "office2"):
        user = make_staff(agency("peo-chiang-mai"), name)
        user.email = "office@example.com"
        user.save()
    for _ in range(3):
        ask(client, "office@example.com")
    assert len(mail.outbox) == 3  # not 6


def test_one_visitor_cannot_send_resets_to_every_account(client):
    for n in range(21):
        make_staff(agency("peo-chiang-mai"), f"staff{n}")
        assert ask(client, f"staff{n}@example.com")["Location"] == DONE
    assert len(mail.outbox) == 20
