"""A coordinator onboards 150 staff from an Excel file; the new staff set their passwords
from the e-mail and sign in. The renamed department is still found by its old name."""

import datetime
import os
import re

import pytest
from django.core import mail
from openpyxl import load_workbook

from agencies.models import Agency
from tests.browser.conftest import sign_in
from tests.factories import make_activity, make_coordinator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Agencies as people write them in their own lists: abbreviations with and without the
# space, full Thai names, and the department's old name.
WRITTEN = ["ศธจ.เชียงใหม่", "ศธจ. ลำพูน", "สำนักงานศึกษาธิการจังหวัดลำปาง", "ศธภ. 15", "สำนักงาน กศน."]
REFUSED = {
    50: ("staff050", "ศธจ.ไม่มีจริง", "staff050@moe.go.th"),  # unknown agency
    100: ("staff100", "ศธจ.เชียงใหม่", "staff100-at-moe.go.th"),  # not an e-mail address
    150: ("staff001", "ศธจ.ลำพูน", "again@moe.go.th"),  # repeats row 1's username
}


def fill(template, path):
    """150 people on the template's first sheet, over the example row."""
    book = load_workbook(template)
    sheet = book.worksheets[0]
    sheet.delete_rows(2)
    for n in range(1, 151):
        username, written, email = REFUSED.get(
            n, (f"staff{n:03d}", WRITTEN[n % len(WRITTEN)], f"staff{n:03d}@moe.go.th")
        )
        sheet.append([username, f"ครู คนที่{n}", email, written, "เจ้าหน้าที่หน่วยงาน"])
    book.save(path)


def screenshot(page, name):
    if folder := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_coordinator_imports_150_staff_who_then_sign_in(live_server, browser, tmp_path):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    sign_in(desk, live_server, make_coordinator("desk"))
    page = desk.new_page()
    page.goto(f"{live_server.url}/admin/auth/user/")
    page.click("text=นำเข้าบัญชีเจ้าหน้าที่")
    with page.expect_download() as download:
        page.click("text=ดาวน์โหลดแบบฟอร์ม (XLSX)")
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    staff_list = tmp_path / "รายชื่อเจ้าหน้าที่.xlsx"
    fill(template, staff_list)

    page.set_input_files("#id_file", str(staff_list))
    page.click("input[type=submit][value='ตรวจไฟล์']")
    page.wait_for_selector(".import-summary")
    screenshot(page, "import-preview")
    summary = page.locator(".import-summary").inner_text()
    assert "บัญชีใหม่ 147" in summary and "ไม่นำเข้า 3 แถว" in summary
    refused = page.locator(".import-refusals li").all_inner_texts()
    assert refused == [
        "แถวที่ 51: ไม่รู้จักหน่วยงาน: ศธจ.ไม่มีจริง",
        "แถวที่ 101: “staff100-at-moe.go.th” ไม่ใช่อีเมลที่ถูกต้อง",
        "แถวที่ 151: ชื่อผู้ใช้ซ้ำกับแถวที่ 2",
    ]
    assert page.locator("tr.import-new").count() == 147
    assert not Agency.objects.get(slug="onie").memberships.exists()  # nothing saved yet

    page.click("input[type=submit][value='นำเข้า 147 บัญชี']")
    page.wait_for_url(f"{live_server.url}/admin/auth/user/")
    assert "สร้างบัญชีใหม่ 147 บัญชี" in page.locator(".messagelist").inner_text()
    assert len(mail.outbox) == 147
    assert Agency.objects.get(slug="onie").memberships.count() == 30
    desk.close()

    invitation = next(m for m in mail.outbox if m.to == ["staff002@moe.go.th"])
    link = re.search(r"https?://\S+/accounts/reset/\S+", invitation.body).group(0)
    path = link.split("/accounts/", 1)[1]
    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="th-TH")
    newcomer = phone.new_page()
    newcomer.goto(f"{live_server.url}/accounts/{path}")
    newcomer.fill("#id_new_password1", "ช้างเผือก-ปีใหม่-2569")
    newcomer.fill("#id_new_password2", "ช้างเผือก-ปีใหม่-2569")
    newcomer.click("button[type=submit], input[type=submit]")
    newcomer.goto(f"{live_server.url}/accounts/login/")
    newcomer.fill("#id_username", "staff002")
    newcomer.fill("#id_password", "ช้างเผือก-ปีใหม่-2569")
    newcomer.click("button[type=submit], input[type=submit]")
    newcomer.wait_for_url(f"{live_server.url}/staff/")
    assert newcomer.locator("h1").first.is_visible()
    phone.close()


def test_old_name_still_finds_the_department_and_the_2565_report_uses_it(live_server, browser):
    from django.core.cache import cache

    cache.clear()
    dole = Agency.objects.get(slug="onie")
    make_activity(
        dole, status="published", title="สอนอ่านเขียนผู้สูงอายุ", start_date=datetime.date(2022, 3, 1)
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.goto(f"{live_server.url}/activities/?q=กศน.")
    assert page.locator("text=สอนอ่านเขียนผู้สูงอายุ").count() >= 1

    sign_in(context, live_server, make_coordinator("reporter"))
    page.goto(f"{live_server.url}/admin/reports/?period=year&year=2565")
    table = page.locator("#agencies")
    row = table.locator("tr", has_text="สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย")
    assert row.count() == 1
    assert "กรมส่งเสริมการเรียนรู้" not in table.inner_text()
    context.close()
