"""The committee's PDF: rendered for the seeded March 2026, read back with pdftotext."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from reports import pdf
from tests.factories import make_coordinator, make_photo

needs_engine = pytest.mark.skipif(
    not pdf.available() or not shutil.which("pdftotext"),
    reason="WeasyPrint's system libraries (apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
    "libharfbuzz-subset0) or poppler-utils are missing; CI installs them",
)
MARCH = {"period": "month", "year": "2569", "month": "3"}


@pytest.fixture
def coordinator(client, db):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


def pdf_text(content, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    run = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return plain(run.stdout.decode())


def plain(text):
    """pdftotext reads SARA AM (ำ) back as (nikhahit +) sara aa: compare without the difference."""
    return text.replace("\u0e4d", "").replace("\u0e33", "\u0e32")


def _pdfinfo(content):
    run = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    line = next(x for x in run.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@needs_engine
def test_report_has_thai_headings_an_agency_and_the_totals(client, coordinator, fixtures, tmp_path):
    response = client.get(reverse("reports:pdf"), MARCH)
    assert response["Content-Type"] == "application/pdf"
    assert "jitarsa-report-25690301-25690331.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "ศูนย์ประสานงานจิตอาสา กระทรวงศึกษาธิการ" in text
    assert "มีนาคม 2569" in text and "รายหน่วยงาน" in text and "ยังไม่มีการรายงาน" in text
    assert plain("สำนักงานศึกษาธิการจังหวัดเชียงใหม่") in text
    assert "2/104" in text  # Chiang Mai and its partner Lamphun reported


@needs_engine
def test_page_count_follows_the_data(client, coordinator, fixtures, tmp_path):
    """Cover, summary, 104 agencies (3 pages), map, 102 silent agencies (2), one featured.
    A coordinator would notice a section lost or a table spilling onto a page of its own."""
    fixtures["first"].is_featured = True
    fixtures["first"].save(update_fields=["is_featured"])
    make_photo(fixtures["first"], is_cover=True)
    content = client.get(reverse("reports:pdf"), MARCH).content
    without = client.get(reverse("reports:pdf"), {**MARCH, "pick": "999999"}).content
    assert _pdfinfo(content) == 9
    assert _pdfinfo(without) == 8  # a pick outside the period: no featured page


@needs_engine
def test_thai_numerals_on_request(client, coordinator, fixtures, tmp_path):
    text = pdf_text(client.get(reverse("reports:pdf"), {**MARCH, "thai": "1"}).content, tmp_path)
    assert "มีนาคม ๒๕๖๙" in text and "๒/๑๐๔" in text


@needs_engine
def test_picked_activity_is_featured_with_its_credits(client, coordinator, fixtures, tmp_path):
    picked = fixtures["last"]
    content = client.get(reverse("reports:pdf"), {**MARCH, "pick": [str(picked.pk), "x"]}).content
    text = pdf_text(content, tmp_path)
    assert plain(picked.news_credit) in text and plain(picked.venue) in text


def test_without_the_engine_the_button_says_so_in_thai(client, coordinator, monkeypatch):
    monkeypatch.setattr(pdf, "available", lambda: False)
    monkeypatch.setattr(pdf, "_weasyprint", lambda: None)
    page = client.get(reverse("reports:report")).content.decode()
    assert "ไม่สามารถจัดทำรายงาน PDF" in page
    response = client.get(reverse("reports:pdf"), follow=True)
    assert response.status_code == 200
    assert "ไม่สามารถจัดทำรายงาน PDF" in response.content.decode()


def test_staff_cannot_make_the_pdf(client, db):
    from tests.factories import agency, make_staff

    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.get(reverse("reports:pdf"), MARCH).status_code == 403


def test_report_page_offers_the_periods_posts_to_feature(client, coordinator, fixtures):
    page = client.get(reverse("reports:report"), MARCH).content.decode()
    assert f'name="pick" value="{fixtures["joint"].pk}"' in page
    assert f'name="pick" value="{fixtures["feb"].pk}"' not in page


def test_loading_the_pdf_engine_leaves_the_photo_pipeline_strict():
    from PIL import ImageFile

    pdf.available()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
