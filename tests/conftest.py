import contextlib
import shutil

import pytest

CHROMIUM = shutil.which("chromium")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes its uploads into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts kept in the cache (rate limits, cached pages) start from nothing in each test,
    and no page's frame is kept from an earlier test's settings (templates/base.html)."""
    from django.core.cache import caches

    for kept in caches.all():
        kept.clear()


FAST_PASSWORD_HASHING = {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}
NO_LINE = {
    "LINE_CHANNEL_ACCESS_TOKEN": "",
    "LINE_CHANNEL_SECRET": "",
    "LINE_API_URL": "http://127.0.0.1:9",
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    for name, value in FAST_PASSWORD_HASHING.items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _thai_by_default():
    """Each test starts in the site's language: a request to /en/ must not leak into the next."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _worker_runs_tasks_at_once(monkeypatch):
    """django-q runs each queued task in the calling process and transaction (no cluster)."""
    monkeypatch.setattr("django_q.conf.Conf.SYNC", True)


@pytest.fixture(autouse=True)
def _no_line_by_default(settings):
    """LINE is off unless a test asks for the fake; never the real API, whatever .env says."""
    for name, value in NO_LINE.items():
        setattr(settings, name, value)


@pytest.fixture
def line_api(settings):
    """A local stand-in for the LINE Messaging API: records requests, answers as scripted."""
    from tests.fake_line import FakeLine

    with FakeLine() as fake:
        settings.LINE_API_URL = fake.url
        settings.LINE_CHANNEL_ACCESS_TOKEN = "test-channel-token"
        yield fake


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections_at_teardown(django_db_setup, django_db_blocker):
    """Threads of the tests (parallel uploads, the live server) may leave a PostgreSQL
    session open, and the test database could then not be dropped: each run left one behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """`with module_rows:` around rows that every test of a module reads (a module-scoped
    fixture). They are made once, in a transaction each test's own (a savepoint) nests in,
    and rolled back after the module's last test; the per-test settings above hold there too."""
    from django.db import transaction
    from django.test import override_settings

    @contextlib.contextmanager
    def rows():
        media = tmp_path_factory.mktemp("module-media")
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=media, **FAST_PASSWORD_HASHING, **NO_LINE),
            pytest.MonkeyPatch.context() as patch,
            transaction.atomic(),
        ):
            patch.setattr("django_q.conf.Conf.SYNC", True)
            yield
            transaction.set_rollback(True)

    return rows


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium, started for each browser test."""
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must still be allowed to query.
    # monkeypatch removes it afterwards: `check --deploy` in a later test refuses it.
    # One browser per module was tried: started before a test's database set-up, Playwright
    # left serialized_rollback without its saved rows (the agencies were gone after a test).
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
