import shutil

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

CHROMIUM = shutil.which("chromium")


class OneRequestAtATime(WSGIServer):
    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # LiveServerThread.run has set the overrides


# On SQLite the test database lives in memory and the live server's threads share its one
# connection: requests served in parallel (upload.js sends two photos at a time) collide on
# it ("database table is locked"). There it serves one request at a time; on PostgreSQL each
# request has its own connection and they run in parallel, as in production.
if connection.vendor == "sqlite":
    LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture
def browser(monkeypatch):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must still be allowed to query.
    # monkeypatch removes it afterwards: `check --deploy` in a later test refuses it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="th-TH")
    yield context
    context.close()


def sign_in(context, live_server, user):
    """Django's client login, handed to the browser as its session cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
