import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.figures import Row, Table, to_csv
from reports import exports, periods, tables
from tests.factories import make_coordinator

MARCH = {"period": "month", "year": "2569", "month": "3"}


@pytest.fixture
def coordinator(client, db):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


def read_csv(data):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_neutralises_formulas():
    table = Table("t", "t", "name", [Row("=HYPERLINK(1)", 1), Row("@SUM", 2), Row("-x", 3)])
    rows = read_csv(to_csv(table))
    assert [r[0] for r in rows[1:-1]] == ["'=HYPERLINK(1)", "'@SUM", "'-x"]  # then the total


def test_xlsx_neutralises_a_formula_hidden_behind_a_control_character():
    table = Table("t", "t", "name", [Row('\x01=HYPERLINK("http://evil.example")', 1)])
    period = periods.month(2026, 3)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx([table], period)))["t"]
    cell = sheet["A3"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://evil.example")'


def test_csv_download_matches_the_page_table(client, coordinator, fixtures):
    response = client.get(reverse("reports:csv", args=["groups"]), MARCH)
    rows = read_csv(response.content)
    (table,) = tables.build(periods.month(2026, 3), only="groups")
    assert rows[0] == [str(h) for h in table.headings]
    assert rows[1:-1] == [[str(c) for c in row] for row in table.cells]
    assert rows[-1][0] == "รวม" and rows[-1][1:] == ["3", "100"]


def test_xlsx_has_a_sheet_per_table_with_thai_headers(client, coordinator, fixtures):
    response = client.get(reverse("reports:xlsx"), MARCH)
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(tables.BUILDERS)
    sheet = book["ยังไม่มีการรายงาน"]
    assert "มีนาคม 2569" in sheet["A1"].value
    assert sheet["A2"].value == "หน่วยงาน"
    assert sheet.column_dimensions["A"].width == 60


def test_xlsx_figures_match_the_queries(client, coordinator, fixtures):
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx"), MARCH).content))
    values = list(book["รายหน่วยงาน"].iter_rows(min_row=3, values_only=True))
    found = {row[0]: row[3:5] for row in values}
    assert found["สำนักงานศึกษาธิการจังหวัดเชียงใหม่"] == (3, 100)
    assert values[-1][0] == "รวม" and values[-1][3:5] == (3, 100)


def test_xlsx_trend_months_are_buddhist_era(client, coordinator, fixtures):
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx"), MARCH).content))
    months = [r[0] for r in book["รายเดือน ตลอดปีงบประมาณ"].iter_rows(min_row=3, values_only=True)]
    assert months[0] == "ตุลาคม 2568" and months[11] == "กันยายน 2569"


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
def test_xlsx_opens_in_libreoffice(tmp_path, db, fixtures):
    period = periods.month(2026, 3)
    path = tmp_path / "report.xlsx"
    path.write_bytes(exports.to_xlsx(tables.build(period), period))
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # 76: UTF-8
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    lines = (tmp_path / "report.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("หน่วยงาน,")
    assert lines[-1] == "รวม,,,3,100"
