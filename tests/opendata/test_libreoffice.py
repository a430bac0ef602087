"""The activities CSV opens in LibreOffice Calc with the Thai text intact."""

import shutil
import subprocess

import openpyxl
import pytest

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(
    not SOFFICE, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
)
def test_csv_opens_in_libreoffice_with_thai_intact(client, built, tmp_path):
    path = tmp_path / "activities.csv"
    path.write_bytes(b"".join(client.get("/opendata/activities.csv").streaming_content))
    # 44,34,76: comma, double quote, UTF-8 (what Calc's import dialog picks from the BOM).
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
         "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "activities.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["id", "url", "title"]  # the BOM is read as a BOM, not text
    assert "ซ่อมแซมห้องสมุดโรงเรียน" in [row[2] for row in rows]
    assert "สำนักงานศึกษาธิการจังหวัดเชียงใหม่" in [row[4] for row in rows]
