import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "jitarsa.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _load_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_starts_with_secret_key_when_debug_is_off():
    result = _load_settings(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/jitarsa-settings-test.sqlite3",
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_time_zone_and_language():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Bangkok"
    assert settings.LANGUAGE_CODE == "th"
    assert settings.USE_TZ is True


def _started_with(expression, *, setup=False, **env):
    """`expression` (about `settings`) as printed by a fresh process started with `env`;
    with `setup`, after django.setup() (the apps' ready(), two seconds more)."""
    start = "import django; django.setup(); " if setup else ""
    code = f"{start}from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "jitarsa.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_sqlite_databases_folder_is_made_when_django_starts(tmp_path):
    folder = tmp_path / "new" / "var"
    _started_with("1", setup=True, DATABASE_URL=f"sqlite:///{folder / 'jitarsa.sqlite3'}")
    assert folder.is_dir()


def test_a_redis_cache_url_uses_djangos_redis_backend_tolerant_of_an_outage():
    shown = _started_with("settings.CACHES['default']", CACHE_URL="redis://127.0.0.1:6379/3")
    assert "core.cache.TolerantRedisCache" in shown  # Django's RedisCache, see core/cache.py
    assert "redis://127.0.0.1:6379/3" in shown
    assert "'socket_timeout': 1" in shown


def test_the_short_cache_names_still_work():
    assert "DummyCache" in _started_with("settings.CACHES['default']", CACHE_URL="dummy://")
