import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread


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
