"""Plain text typed by people, shown as safe HTML: paragraphs, simple lists and headings,
clickable links. Raw HTML is never passed through: everything is escaped first."""

import re
import unicodedata

from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe


def _inline(text):
    return urlize(escape(text), nofollow=True, autoescape=False)


def _block(block):
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    if lines[0].startswith("## ") and len(lines) == 1:
        return f"<h2>{_inline(lines[0][3:])}</h2>"
    if all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def paragraphs(text):
    """Blank-line separated blocks: '## ' starts a heading, '- ' lines make a list."""
    blocks = [b for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return mark_safe("\n".join(_block(b) for b in blocks))


def first_paragraph(text, limit=200):
    """A one-line summary: the first block, cut at a word boundary."""
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        plain = " ".join(block.split()).lstrip("#- ").strip()
        if plain:
            return plain if len(plain) <= limit else plain[:limit].rsplit(" ", 1)[0] + "…"
    return ""


def slugify_thai(value, max_length=80):
    """A readable URL slug that keeps Thai letters, vowels and tone marks.

    Django's slugify(allow_unicode=True) drops combining marks (ั ิ ่ ้ …), which mangles
    Thai words, so letters, marks and digits are kept and everything else becomes '-'.
    """
    value = unicodedata.normalize("NFC", str(value)).lower()
    chars = [c if unicodedata.category(c)[0] in "LMN" else "-" for c in value]
    slug = re.sub(r"-+", "-", "".join(chars)).strip("-")
    return slug[:max_length].rstrip("-")
