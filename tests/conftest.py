import contextlib

import pytest


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
    """Counts kept in the cache (rate limits, cached pages) start from nothing in each test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    settings.LINE_CHANNEL_SECRET = ""
    settings.LINE_API_URL = "http://127.0.0.1:9"


@pytest.fixture
def line_api(settings):
    """A local stand-in for the LINE Messaging API: records requests, answers as scripted."""
    from tests.fake_line import FakeLine

    with FakeLine() as fake:
        settings.LINE_API_URL = fake.url
        settings.LINE_CHANNEL_ACCESS_TOKEN = "test-channel-token"
        yield fake


@pytest.fixture(scope="module")
def module_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """`with module_rows:` around rows that every test of a module reads (a module-scoped
    fixture). They are made once, in a transaction each test's own (a savepoint) nests in,
    and rolled back after the module's last test."""
    from django.db import transaction
    from django.test import override_settings

    @contextlib.contextmanager
    def rows():
        media = tmp_path_factory.mktemp("module-media")
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=media),
            transaction.atomic(),
        ):
            yield
            transaction.set_rollback(True)

    return rows
