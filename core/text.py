"""Plain text typed by people: cleaned on the way in (`normalize`), shown as safe HTML on the
way out (paragraphs, simple lists and headings, clickable links; raw HTML is always escaped)."""

import re
import unicodedata

from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe

# Line breaks as Word (Shift+Enter pastes a vertical tab), old Macs, PDFs and Unicode write them.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls other than tab and newline, DEL, bidi overrides (used to disguise text),
# soft hyphens and the zero-width no-break space (BOM), surrogates and non-characters: nothing a
# reader sees, and several make XML (feeds, sitemaps, XLSX) invalid.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff]"
)
# Zero-width space and word joiner: invisible, and they split a Thai word so search misses it.
_ZERO_WIDTH_SPACES = re.compile("[\u200b\u2060]")
# Joiners are kept inside text (emoji sequences need them), never at either end; stripped
# together with the spaces around them so cleaning twice gives the same text.
_EDGES = re.compile(r"\A[\s\u200c\u200d]+|[\s\u200c\u200d]+\Z")
_SPACES = re.compile("[\xa0\u2000-\u200a\u202f\u205f\u3000]")
# Sara am typed as nikhahit + sara aa (with the tone mark between, as some keyboards do):
# NFC does not compose it, and "น้ำ" typed that way would never match a search for น้ำ.
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def normalize(value, *, multiline=True):
    """Text as people paste it (from Word, LINE, a PDF), as the site stores it.

    Windows and Unicode line breaks become newlines, controls and invisible characters go,
    non-breaking and typographic spaces become plain spaces, and the text is NFC (so the same
    Thai word is always the same code points). A single-line value (`multiline=False`) has
    its line breaks and runs of spaces folded into one space. Anything but a string is
    returned as it is.
    """
    if not isinstance(value, str):
        return value
    value = _LINE_BREAKS.sub("\n", value)
    value = _INVISIBLE.sub("", value)
    value = _ZERO_WIDTH_SPACES.sub("", value)
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value))
    value = _SARA_AM.sub("\\1\u0e33", value)
    if multiline:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    else:
        value = " ".join(value.split())
    return _EDGES.sub("", value)


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
