"""A staff member posts from a phone with three photos; a coordinator publishes it."""

import pytest
from PIL import Image

from activities.models import Activity
from agencies.models import Agency
from tests.browser.conftest import sign_in
from tests.factories import make_coordinator, make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def photo_files(folder):
    paths = []
    for name, fmt, size in [
        ("big.jpg", "JPEG", (4000, 3000)),  # made smaller in the browser first
        ("wide.png", "PNG", (1200, 600)),
        ("small.jpg", "JPEG", (640, 480)),
    ]:
        path = folder / name
        Image.linear_gradient("L").resize(size).convert("RGB").save(path, fmt)
        paths.append(str(path))
    return paths


def test_staff_posts_from_phone_and_coordinator_publishes(
    live_server, browser, phone, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    staff = make_staff(Agency.objects.get(slug="peo-chiang-mai"), "phone-staff")
    sign_in(phone, live_server, staff)
    page = phone.new_page()
    page.goto(f"{live_server.url}/staff/new/")

    page.fill("#id_title", "เก็บขยะริมแม่น้ำปิง")
    page.select_option("#id_activity_type", index=1)
    page.type("#id_start_date_0", "21/07/2569")
    page.fill("#id_venue", "ริมแม่น้ำปิง")
    page.fill("#id_participants", "80")
    page.fill("#id_body", "จิตอาสาเก็บขยะริมแม่น้ำ\n\nได้ขยะ 200 กิโลกรัม")
    page.fill("#id_news_credit", "อานนท์ วิชานนท์")
    page.set_input_files("#id_new_photos", photo_files(tmp_path))
    page.wait_for_selector(".upload-item img >> nth=2")
    loaded = "Array.from(document.querySelectorAll('.upload-item img')).every(i => i.naturalWidth)"
    page.wait_for_function(loaded)
    # After the previews: they push the rest of the form down while they appear.
    page.check("#id_consent_confirmed")
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    if settings_dir := __import__("os").environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{settings_dir}/posting-form-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.click("button[name=action][value=submit]:visible")
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.locator(".status-submitted").first.is_visible()

    post = Activity.objects.get(title="เก็บขยะริมแม่น้ำปิง")
    assert post.status == "submitted"
    assert post.photos.count() == 3
    assert max(p.width for p in post.photos.all()) == 2560  # the 4000 px photo, scaled
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    sign_in(desk, live_server, make_coordinator())
    queue = desk.new_page()
    queue.goto(f"{live_server.url}/admin/activities/activity/")
    queue.check(f"input[name=_selected_action][value='{post.pk}']")
    queue.select_option("select[name=action]", "publish")
    queue.click("button[name=index]")
    queue.wait_for_load_state()
    desk.close()
    post.refresh_from_db()
    assert post.status == "published"

    public = phone.new_page()
    public.goto(f"{live_server.url}{post.get_absolute_url()}")
    assert public.locator("h1").inner_text() == "เก็บขยะริมแม่น้ำปิง"
    assert public.locator(".activity-hero img").is_visible()
    assert "อานนท์ วิชานนท์ / ข่าว" in public.content()
