"""The Nu HTML Checker (vnu.jar from npm's vnu-jar) finds no errors on the public pages.

Runs when Java and node_modules/vnu-jar are there (CI installs them: `npm i vnu-jar`).
The checker refuses URLs on localhost, so the pages are saved to files first.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from activities import photos
from tests.factories import agency, uploaded_image

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    not (JAVA and VNU.exists()), reason="needs java and `npm i vnu-jar` (node_modules/vnu-jar)"
)


def test_public_pages_are_valid_html(client, publish, tmp_path):
    post = publish(title="ปลูกป่าชายเลน", province=agency("peo-chiang-mai").province)
    for n in range(2):
        photos.add_photo(post, uploaded_image(size=(700, 500)), caption="ภาพ", is_cover=n == 0)
    urls = [
        "/",
        "/activities/",
        "/activities/?q=ป่า&year=abc",
        "/activities/?q=ไม่มีเลย",
        post.get_absolute_url(),
        "/agencies/peo-chiang-mai/",
        "/stats/",
        "/en/",
        "/en" + post.get_absolute_url(),
    ]
    files = []
    for n, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"page{n}.html")
        files[-1].write_bytes(response.content)
    run = subprocess.run(
        [JAVA, "-jar", str(VNU), "--stdout", "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stdout)["messages"]
    names = {f"file:{f}": url for f, url in zip(files, urls, strict=True)}
    errors = [(names.get(m.get("url"), m.get("url")), m["message"]) for m in messages]
    assert errors == []
