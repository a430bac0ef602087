import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
THAI_PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"
# The admin's JavaScript strings Django's own Thai catalogue lacks (jitarsa/admin_catalogue.js).
THAI_JS_PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "djangojs.po"


def _messages(path):
    with open(path, "rb") as f:
        return [m for m in read_po(f, locale="th") if m.id]


def _text(message):
    return message.string if isinstance(message.string, str) else "".join(message.string or ())


def test_every_thai_entry_is_translated():
    untranslated = [m.id for m in _messages(THAI_PO) if not _text(m) or m.fuzzy]
    assert untranslated == []


def test_every_thai_javascript_entry_is_translated():
    untranslated = [m.id for m in _messages(THAI_JS_PO) if not _text(m) or m.fuzzy]
    assert untranslated == []


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="needs GNU gettext (apt-get install gettext)"
)
def test_thai_catalogue_has_every_string_in_the_code(tmp_path):
    """Extract the strings afresh into a copy of the tree: nothing may be missing."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "var", "staticfiles", "node_modules", "*.mo", "__pycache__", "media"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "th", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in _messages(copy / THAI_PO.relative_to(ROOT))
    }
    shipped = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(THAI_PO)}
    assert sorted(fresh - shipped) == []
