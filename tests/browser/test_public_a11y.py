"""The public pages in a real Chromium: no axe-core violations (WCAG 2.1 AA), and the
gallery lightbox and the feed's filters work from the keyboard."""

import datetime
import shutil

import pytest

CHROMIUM = shutil.which("chromium")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def post(settings, tmp_path):
    from django.core.cache import cache

    from tests.factories import agency, make_activity, make_processed_photo

    settings.DEBUG = True  # so the live server serves the uploaded photos
    cache.clear()
    post = make_activity(
        agency("peo-chiang-mai"),
        status="published",
        title="ปลูกป่าชายเลนเฉลิมพระเกียรติ",
        province=agency("peo-chiang-mai").province,
        start_date=datetime.date.today(),
    )
    for n in range(3):
        make_processed_photo(
            post, size=(900, 600), caption=f"ภาพที่ {n + 1}", is_cover=n == 0, order=n
        )
    make_activity(agency("obec"), status="published", title="บริจาคโลหิต")
    return post


def page_urls(post):
    return {
        "home": "/",
        "feed": "/activities/",
        "activity": post.get_absolute_url(),
        "agency": "/agencies/peo-chiang-mai/",
        "stats": "/stats/",
    }


@pytest.mark.parametrize("lang", ["th", "en"])
def test_public_pages_have_no_axe_violations(browser, live_server, post, lang):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="th-TH" if lang == "th" else "en-GB")
    page = context.new_page()
    found = {}
    for name, url in page_urls(post).items():
        page.goto(live_server.url + ("/en" if lang == "en" else "") + url)
        result = Axe().run(page, options=WCAG)
        if result.violations_count:
            found[name] = [v["id"] for v in result.response["violations"]]
    context.close()
    assert found == {}


def test_gallery_lightbox_works_by_keyboard(browser, live_server, post):
    page = browser.new_page()
    page.goto(live_server.url + post.get_absolute_url())
    first = page.locator("a.gallery-link").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert page.locator(".lightbox-count").inner_text() == "ภาพ 1 จาก 3"
    page.keyboard.press("ArrowRight")
    assert page.locator(".lightbox-count").inner_text() == "ภาพ 2 จาก 3"
    assert page.locator(".lightbox-figure figcaption").inner_text() == "ภาพที่ 2"
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('gallery-link')")


def test_photo_opens_full_size_without_javascript(browser, live_server, post):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url())
    href = page.locator("a.gallery-link").first.get_attribute("href")
    response = page.goto(live_server.url + href)
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    context.close()


def test_filters_work_by_keyboard(browser, live_server, post):
    page = browser.new_page()
    page.goto(live_server.url + "/activities/")
    page.locator(".feed-filters summary").focus()
    page.keyboard.press("Enter")
    page.locator("#id_group").focus()
    page.keyboard.press("ArrowDown")  # the Office of the Permanent Secretary
    page.keyboard.press("ArrowDown")  # the Basic Education Commission
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/activities/?group=obec")
    assert page.locator(".activity-card-title").all_inner_texts() == ["บริจาคโลหิต"]
