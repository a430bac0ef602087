"""The Nu HTML Checker finds no errors on the open-data page and the "being prepared" page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from opendata import build

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (JAVA and VNU.exists()), reason="needs java and `npm i vnu-jar` (node_modules/vnu-jar)"
    ),
]


def test_open_data_pages_are_valid_html(client, published, tmp_path):
    pages = {"preparing.html": client.get("/opendata/activities.csv").content}
    build.build_all()
    pages["th.html"] = client.get("/opendata/").content
    pages["en.html"] = client.get("/en/opendata/").content
    for name, content in pages.items():
        (tmp_path / name).write_bytes(content)
    run = subprocess.run(
        [JAVA, "-jar", str(VNU), "--stdout", "--format", "json", "--errors-only",
         *(tmp_path / name for name in pages)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert [m["message"] for m in json.loads(run.stdout)["messages"]] == []
