"""Chromium loads the public pages and the admin under the strict CSP without a violation."""

import shutil

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_activity, make_processed_photo

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
]

PUBLIC_PAGES = ["/", "/agencies/", "/agencies/peo-chiang-mai/", "/stats/", "/site-map/"]
ADMIN_PAGES = [
    "/admin/",
    "/admin/agencies/agency/",
    "/admin/agencies/agency/1/change/",
    "/admin/agencies/agency/add/",
    "/admin/pages/page/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/1/change/",
    "/admin/axes/accessattempt/",
    "/admin/password_change/",
]


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda m: (
            page.violations.append(m.text)
            if "Content Security Policy" in m.text or "Permissions-Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.violations.append(str(error)))
    yield page
    context.close()


def _visit(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path


def test_public_pages_and_gallery_run_without_csp_violations(live_server, browser_page):
    activity = make_activity(status="published")
    for number in range(2):
        make_processed_photo(activity, caption=f"ภาพ {number}", is_cover=number == 0)
    _visit(browser_page, live_server.url, [*PUBLIC_PAGES, activity.get_absolute_url()])
    browser_page.locator("a.gallery-link").first.click()  # the lightbox script runs
    browser_page.wait_for_timeout(300)
    assert browser_page.violations == []


def test_admin_runs_without_csp_violations(live_server, browser_page):
    get_user_model().objects.create_superuser("root", "root@example.com", "pass-1234-word")
    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.fill("#id_username", "root")
    browser_page.fill("#id_password", "pass-1234-word")
    browser_page.click("input[type=submit]")
    browser_page.wait_for_url(live_server.url + "/admin/")
    _visit(browser_page, live_server.url, ADMIN_PAGES)
    response = browser_page.goto(live_server.url + "/admin/auth/user/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    browser_page.click("#action-toggle")  # the admin's actions script runs
    assert browser_page.violations == []
