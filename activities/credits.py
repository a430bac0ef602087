"""Credits as the ministry's news pages write them: "วรัญญา / ข่าว", "ธัญญา / ภาพ".

The site stores the name(s) alone (`names_only`, called when a post is saved) and adds the
role once when it shows them (`line`): pages, feeds and JSON-LD all read credits through
here. Staff type the role by habit ("วรัญญา / ข่าว", "วรัญญา/ข่าว", "ข่าว: วรัญญา",
"ภาพโดย ธัญญา"), so a role word around the name is understood and dropped.
"""

import re

from django.utils.translation import gettext as _

from core.text import normalize

NEWS, PHOTOS = "news", "photos"
# The words written around a name for each role (Thai first; the English ones are rare).
ROLE_WORDS = {
    NEWS: ("ข่าว", "เขียนข่าว", "เรื่อง", "news"),
    PHOTOS: ("ภาพถ่าย", "ถ่ายภาพ", "ภาพ", "รูป", "photos", "photo", "photographs"),
}
_NAME_SEPARATORS = re.compile(r"\s*[,;、]\s*")
# Between a name and its role: a slash, a colon, or a dash with spaces around it (a bare
# hyphen belongs to the name).
_SEPARATOR = r"(?:\s*[/:：]\s*|\s+[-–]\s+)"


def _patterns(role):
    words = "|".join(re.escape(w) for w in ROLE_WORDS[role])
    return (
        # "วรัญญา / ข่าว", "วรัญญา/ข่าว", "วรัญญา (ข่าว)", "วรัญญา - ข่าว"
        re.compile(rf"(?:{_SEPARATOR}|\s*\()(?:{words})\s*\)?\s*$", re.IGNORECASE),
        # "ข่าว: วรัญญา", "ข่าว / วรัญญา", "ข่าวโดย วรัญญา", "ภาพ โดย ธัญญา"
        re.compile(rf"^\s*(?:{words})(?:\s*(?:โดย|by)(?:{_SEPARATOR}|\s*)|{_SEPARATOR})", re.I),
    )


_PATTERNS = {role: _patterns(role) for role in ROLE_WORDS}


def names(value, role):
    """The names in a credit as typed, without the role words: ["ก", "ข"]."""
    text = normalize(value or "", multiline=False)
    trailing, leading = _PATTERNS[role]
    previous = None
    while text != previous:  # "วรัญญา / ข่าว / ข่าว" (typed twice) loses both
        previous = text
        text = leading.sub("", trailing.sub("", text))
    found = [n for n in _NAME_SEPARATORS.split(text.strip(" /:")) if n]
    if len(found) == 1 and found[0].lower() in ROLE_WORDS[role]:
        return []  # the role word alone: no name was typed
    return found


def names_only(value, role):
    """What is stored: the names joined by ", " ("ก, ข"), or "" when none were typed."""
    return ", ".join(names(value, role))


def line(value, role):
    """The credit as shown: "วรัญญา / ข่าว" (in English "วรัญญา / news"), or ""."""
    found = names_only(value, role)
    if not found:
        return ""
    if role == NEWS:
        return _("%(name)s / news") % {"name": found}
    return _("%(name)s / photos") % {"name": found}
