"""Links that leave the page point at the address served in development (make run PORT=8100)
and at SITE_URL in production."""

import pytest


@pytest.fixture
def served_on_8100(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.SITE_URL = "https://jitarsa.moe.go.th"
    return {"HTTP_HOST": "127.0.0.1:8100"}


def test_og_url_and_share_links_follow_the_served_address_in_development(
    client, publish, served_on_8100
):
    post = publish()
    html = client.get(post.get_absolute_url(), **served_on_8100).content.decode()
    served = f"http://127.0.0.1:8100{post.get_absolute_url()}"
    assert f'<meta property="og:url" content="{served}">' in html
    assert f'data-copy-link="{served}"' in html
    assert "http%3A%2F%2F127.0.0.1%3A8100" in html  # the LINE/Facebook/X links


def test_hreflang_follows_the_served_address_in_development(client, db, served_on_8100):
    html = client.get("/", **served_on_8100).content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8100/en/">' in html


def test_production_links_use_site_url_whatever_the_host(client, publish, settings):
    settings.SITE_URL = "https://jitarsa.moe.go.th"
    settings.ALLOWED_HOSTS = ["other.example"]
    post = publish()
    html = client.get(post.get_absolute_url(), HTTP_HOST="other.example").content.decode()
    assert f'content="https://jitarsa.moe.go.th{post.get_absolute_url()}"' in html
    assert "other.example" not in html
