"""The visitor's address behind our proxies: the entry our outermost proxy wrote, never one
the visitor wrote."""

import pytest
from django.test import RequestFactory

from core.proxy import client_address


def request(forwarded_for=None, remote="10.0.0.2"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    "proxies, forwarded_for, expected",
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy: the header is the visitor's own words
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "192.0.2.99, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left
        (2, "192.0.2.99, 203.0.113.7, 10.1.1.1", "203.0.113.7"),  # CDN, then load balancer
        (1, "2001:db8::7", "2001:db8::7"),
        (2, "203.0.113.7", "10.0.0.2"),  # came past one of our proxies: trust none of it
        (1, "not-an-address", "10.0.0.2"),
        (1, None, "10.0.0.2"),
    ],
)
def test_client_address(settings, proxies, forwarded_for, expected):
    settings.PROXY_COUNT = proxies
    assert client_address(request(forwarded_for)) == expected
