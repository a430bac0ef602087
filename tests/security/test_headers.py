"""Security headers and the production settings check."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-like-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "jitarsa.moe.go.th",
    "DJANGO_SSL_REDIRECT": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DATABASE_URL": "sqlite:////tmp/jitarsa-deploy-check.sqlite3",
}


# The settings are read in a fresh process started with the environment under test; reading
# them needs no django.setup() (two seconds of loading every app).
def _run(args, **env):
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "jitarsa.settings", **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_deploy_check_reports_nothing_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def documented_settings():
    """.env.example as compose runs it (compose builds DATABASE_URL and CACHE_URL), with a
    real secret key in place of the placeholder."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            values[key] = value
    user, password, name = (
        values[k] for k in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB")
    )
    return {
        **values,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://{user}:{password}@db:5432/{name}",
        "CACHE_URL": "redis://redis:6379/0",
    }


def test_deploy_check_reports_nothing_with_the_documented_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"], **documented_settings()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_documented_deployment_trusts_its_one_proxy_for_address_and_https():
    code = (
        "from django.conf import settings as s; "
        "print(s.PROXY_COUNT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT)"
    )
    result = _run(["-c", code], **documented_settings())
    assert result.stdout.strip().splitlines()[-1] == (
        "1 ('HTTP_X_FORWARDED_PROTO', 'https') True"
    ), result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SECRET_KEY"])
def test_production_refuses_to_start_without(missing):
    result = _run(["manage.py", "check"], **{**PRODUCTION_ENV, missing: ""})
    assert result.returncode != 0
    assert missing in result.stderr


PUBLIC_PATHS = [
    "/",
    "/activities/",
    "/agencies/",
    "/stats/",
    "/admin/login/",
    "/feed/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_content_security_policy_allows_no_inline_code(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in policy


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS[:-1])
def test_no_page_has_inline_script_style_or_handlers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_session_and_csrf_cookies_are_secure_in_production():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS)"
    )
    result = _run(["-c", code], **PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "True",
        "True",
        "Lax",
        "31536000",
    ], result.stderr


PRIVATE_PAGES = [
    "/staff/",
    "/staff/new/",
    "/en/staff/help/",
    "/accounts/",
    "/accounts/my-data/",
    "/accounts/login/",
    "/accounts/password/change/",
    "/admin/",
    "/admin/activities/activity/",
    "/admin/reports/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_staff_account_and_admin_pages_are_never_stored(client, path):
    from tests.factories import make_coordinator

    client.force_login(make_coordinator("coord"))
    response = client.get(path)
    assert response.status_code == 200
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_public_pages_stay_cacheable(client):
    assert "no-store" not in client.get("/activities/").get("Cache-Control", "")


def _hsts_preload(**env):
    code = "from django.conf import settings as s; "
    result = _run(["-c", code + "print(s.SECURE_HSTS_PRELOAD)"], **{**PRODUCTION_ENV, **env})
    return result.stdout.strip().splitlines()[-1]


def test_hsts_preload_is_off_unless_asked_for():
    assert _hsts_preload() == "False"


def test_hsts_preload_can_be_asked_for():
    assert _hsts_preload(DJANGO_HSTS_PRELOAD="1") == "True"
