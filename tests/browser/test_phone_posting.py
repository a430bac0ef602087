"""Posting from a phone (390×844) as agency staff do: 30 photos over a connection that drops,
a Buddhist-era date, a credit typed with its role. Screenshots go to $SCREENSHOT_DIR if set."""

import datetime
import json
import os
import re

import pytest
from PIL import Image, ImageDraw
from pillow_heif import register_heif_opener

from activities import workflow
from activities.models import Activity
from agencies.models import Agency
from tests.browser.conftest import sign_in
from tests.factories import make_coordinator, make_staff

register_heif_opener()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "th-TH"}
STORY = "จิตอาสาเก็บขยะริมแม่น้ำปิง\n\nได้ขยะ 200 กิโลกรัม และปลูกต้นไม้ 30 ต้น"
SHOTS = os.environ.get("SCREENSHOT_DIR")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}


def shot(page, name, **options):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), **options)


def phone_photos(folder, count=30):
    """JPEG, PNG (transparent corner) and HEIC in turn, each 240 px wide and 120 + 4·n px
    tall, so the published page's <img height> tells which photo stands where."""
    paths = []
    for n in range(count):
        image = Image.new("RGB", (240, 120 + 4 * n), (20 + 7 * n, 90, 200 - 5 * n))
        ImageDraw.Draw(image).text((8, 8), str(n + 1), fill="white")
        kind = ("jpg", "JPEG"), ("png", "PNG"), ("heic", "HEIF")
        extension, fmt = kind[n % 3]
        if fmt == "PNG":
            image = image.convert("RGBA")
            image.paste((0, 0, 0, 0), (0, 0, 40, 40))
        path = folder / f"IMG_{n + 1:04d}.{extension}"
        image.save(path, fmt)
        paths.append(str(path))
    return paths


@pytest.fixture
def staff(db):
    return make_staff(Agency.objects.get(slug="peo-chiang-mai"), "phone-staff")


@pytest.fixture
def form(browser, live_server, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(**PHONE)
    sign_in(context, live_server, staff)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/new/")
    yield page
    context.close()


def fill_the_text(page, title="เก็บขยะริมแม่น้ำปิง"):
    page.fill("#id_title", title)
    page.select_option("#id_activity_type", index=1)
    page.type("#id_start_date_0", "21/07/2569")
    page.fill("#id_venue", "ริมแม่น้ำปิง")
    page.fill("#id_participants", "80")
    page.fill("#id_body", STORY)


def sent(page, count):
    page.wait_for_function(
        "n => document.querySelectorAll('.upload-item[data-state=sent]').length === n",
        arg=count,
        timeout=120_000,
    )


def submit(page, live_server):
    page.check("#id_consent_confirmed")
    page.click("button[name=action][value=submit]:visible")
    page.wait_for_url(f"{live_server.url}/staff/")
    return Activity.objects.get()


def published_page(browser, live_server, post):
    workflow.publish(post, by=make_coordinator())
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{post.get_absolute_url()}")
    return page


def test_thirty_photos_survive_a_dropped_connection(form, browser, live_server, tmp_path):
    page = form
    shot(page, "form-empty.png")
    attempts = []

    def drop_the_fifteenth(route):
        attempts.append(route.request.url)
        if len(attempts) == 15:
            route.abort("connectionreset")  # mid-way, the phone loses the network
        else:
            route.continue_()

    page.route("**/photos/", drop_the_fifteenth)
    fill_the_text(page)
    page.set_input_files("#id_new_photos", phone_photos(tmp_path))
    page.wait_for_function("() => document.querySelector('.upload-item[data-state=sent]')")
    page.locator("[data-upload-summary]").scroll_into_view_if_needed()
    shot(page, "form-uploading.png")
    sent(page, 30)
    assert len(attempts) == 31  # 30 photos, one of them twice
    post = submit(page, live_server)
    assert post.photos.count() == 30

    public = published_page(browser, live_server, post)
    heights = public.eval_on_selector_all(
        ".activity-hero img, .gallery img", "imgs => imgs.map(i => +i.getAttribute('height'))"
    )
    assert heights == [120 + 4 * n for n in range(30)]
    story = public.locator(".activity-story").inner_text()
    assert "จิตอาสาเก็บขยะริมแม่น้ำปิง" in story and "ปลูกต้นไม้ 30 ต้น" in story
    shot(public, "detail.png", full_page=True)


def skip_the_waits_until(page, sign):
    """upload.js waits 1, 3 and 8 s before its three retries: the page's clock skips them."""
    for _ in range(30):
        if sign.is_visible():
            return
        page.clock.run_for(1000)
        page.wait_for_timeout(100)  # real time for the aborted request to come back
    sign.wait_for(timeout=1000)


def test_a_photo_that_keeps_failing_gets_a_try_again_button(form, tmp_path):
    page = form
    page.clock.install()
    page.route("**/photos/", lambda route: route.abort("connectionreset"))
    fill_the_text(page)
    page.set_input_files("#id_new_photos", phone_photos(tmp_path, count=1))
    button = page.get_by_role("button", name="ลองอีกครั้ง")
    skip_the_waits_until(page, button)  # after three automatic retries
    page.locator(".upload-item").scroll_into_view_if_needed()
    shot(page, "form-error.png")
    page.unroute("**/photos/")
    button.click()
    sent(page, 1)


def test_saving_waits_for_the_photos_and_refuses_while_one_failed(form, tmp_path):
    page = form
    page.clock.install()
    page.route("**/photos/", lambda route: route.abort("connectionreset"))
    fill_the_text(page)
    page.set_input_files("#id_new_photos", phone_photos(tmp_path, count=1))
    page.check("#id_consent_confirmed")
    page.click("button[name=action][value=submit]:visible")
    alert = page.locator(".upload-status.alert-danger")
    skip_the_waits_until(page, alert)
    assert "ลองอีกครั้ง" in alert.inner_text()
    assert Activity.objects.get().status == "draft"


def test_a_buddhist_era_date_dates_the_post_2022_everywhere(form, browser, live_server):
    page = form
    fill_the_text(page)
    page.fill("#id_start_date_0", "")
    page.type("#id_start_date_0", "21/07/2565")  # as typed on the phone's keypad
    echo = page.locator("#id_start_date_echo")
    assert echo.inner_text() == "ระบบเข้าใจว่า: 21 กรกฎาคม 2565"
    post = submit(page, live_server)
    assert post.start_date == datetime.date(2022, 7, 21)
    assert "21 ก.ค. 2565" in page.locator(".staff-post-meta").first.inner_text()

    public = published_page(browser, live_server, post)
    assert "21 กรกฎาคม 2565" in public.locator(".activity-lead").inner_text()
    raw = public.locator("script[type='application/ld+json']").text_content()
    assert json.loads(raw)["about"]["startDate"] == "2022-07-21"


def test_a_credit_typed_with_its_role_is_shown_once(form, browser, live_server):
    page = form
    fill_the_text(page)
    page.type("#id_news_credit", "วรัญญา / ข่าว")
    preview = page.locator("[data-credit-preview='id_news_credit']")
    assert preview.inner_text() == "จะแสดงเป็น: วรัญญา / ข่าว"
    post = submit(page, live_server)
    assert post.news_credit == "วรัญญา"

    text = published_page(browser, live_server, post).locator("main").inner_text()
    assert len(re.findall("วรัญญา / ข่าว", text)) == 1
    assert "ข่าว / ข่าว" not in text


def test_the_phone_header_is_one_row_with_the_menu_behind_a_button(form):
    page = form
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    assert not page.locator(".site-nav").is_visible()
    toggle = page.get_by_role("button", name="เมนู")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="สำหรับเจ้าหน้าที่").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".site-nav").is_visible()


def test_the_review_queue_fits_1280_px(browser, live_server, form, tmp_path):
    page = form
    fill_the_text(page, title="ทำความสะอาดวัดและชุมชนรอบโรงเรียนบ้านหนองบัว ครั้งที่ 2")
    page.set_input_files("#id_new_photos", phone_photos(tmp_path, count=2))
    sent(page, 2)
    submit(page, live_server)
    desk = browser.new_context(viewport={"width": 1280, "height": 800}, locale="th-TH")
    sign_in(desk, live_server, make_coordinator())
    queue = desk.new_page()
    queue.goto(f"{live_server.url}/admin/activities/activity/")
    shot(queue, "review-queue-1280.png")
    table = queue.locator("#result_list").bounding_box()
    filters = queue.locator("#changelist-filter").bounding_box()
    assert table["x"] + table["width"] <= filters["x"]  # every column visible, none under
    assert queue.locator("#result_list th.field-title").bounding_box()["width"] >= 180
    thumb = queue.locator("img.square-thumb").bounding_box()
    assert thumb["width"] == thumb["height"] == 56
    desk.close()


def test_the_post_form_has_no_axe_violations(form, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    page = form
    fill_the_text(page)
    page.type("#id_news_credit", "วรัญญา / ข่าว")
    page.set_input_files("#id_new_photos", phone_photos(tmp_path, count=3))
    sent(page, 3)
    result = Axe().run(page, options=WCAG)
    assert [v["id"] for v in result.response["violations"]] == []


def test_a_date_is_typed_with_the_keyboard_alone(form):
    page = form
    page.focus("#id_start_date_0")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # month: มกราคม
    page.keyboard.press("ArrowDown")  # กุมภาพันธ์
    page.keyboard.press("Tab")
    page.keyboard.type("2568")
    assert page.locator("#id_start_date_echo").inner_text() == "ระบบเข้าใจว่า: 5 กุมภาพันธ์ 2568"


def test_without_javascript_the_plain_form_takes_every_photo(
    browser, live_server, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    context = browser.new_context(**PHONE, java_script_enabled=False)
    sign_in(context, live_server, staff)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/new/")
    page.fill("#id_title", "ไม่มีจาวาสคริปต์")
    page.select_option("#id_activity_type", index=1)
    page.fill("#id_start_date_0", "21")
    page.select_option("#id_start_date_1", "7")
    page.fill("#id_start_date_2", "2565")
    page.fill("#id_venue", "โรงเรียน")
    page.fill("#id_participants", "12")
    page.fill("#id_body", STORY)
    page.set_input_files("#id_new_photos", phone_photos(tmp_path, count=3))
    page.click(".form-actions button[value=draft]")
    page.wait_for_load_state()
    post = Activity.objects.get()
    assert (post.start_date, post.photos.count()) == (datetime.date(2022, 7, 21), 3)
    context.close()


def test_the_first_autosave_makes_the_draft_and_a_reload_keeps_the_text(form):
    page = form
    page.fill("#id_title", "ร่างที่พิมพ์ไว้")
    page.fill("#id_body", STORY)
    # A few seconds after typing stops: the draft exists and the page is at its address.
    page.wait_for_function("() => location.pathname.endsWith('/edit/')", timeout=20_000)
    assert Activity.objects.get().title == "ร่างที่พิมพ์ไว้"
    page.reload()
    assert page.input_value("#id_title") == "ร่างที่พิมพ์ไว้"
    assert page.input_value("#id_body") == STORY
