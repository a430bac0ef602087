"""Recognise an agency by any name people write in a spreadsheet.

Staff lists compiled in Excel name agencies by slug ("peo-chiang-mai"), full Thai name
("สำนักงานศึกษาธิการจังหวัดเชียงใหม่"), abbreviation with or without spaces and dots
("ศธจ.เชียงใหม่", "ศธจ. เชียงใหม่", "ศธจเชียงใหม่"), English name, or a name the agency had
before (former names, the names of agencies merged into it). Current names win over former
ones; a name that still fits two agencies is refused rather than guessed.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import normalize

from .models import Agency, FormerName

_IGNORED = re.compile(r"[\s.]+")
# "สนง." is the everyday short form of "สำนักงาน" (office).
_OFFICE_SHORT = "สนง"
_OFFICE = "สำนักงาน"


def key(text):
    """The form names are compared in: cleaned, case-folded, without spaces and dots."""
    return _IGNORED.sub("", normalize(str(text), multiline=False).casefold())


def _keys(text):
    """A name's key and, for "สำนักงาน…" names, the key without that word (people write
    "ศึกษาธิการจังหวัดเชียงใหม่" as often as the full name)."""
    found = key(text)
    if not found:
        return []
    if found.startswith(_OFFICE_SHORT):
        found = _OFFICE + found[len(_OFFICE_SHORT) :]
    if found.startswith(_OFFICE) and len(found) > len(_OFFICE) + 2:
        return [found, found[len(_OFFICE) :]]
    return [found]


@dataclass(frozen=True)
class Found:
    agency: Agency
    former_name: str = ""  # the former name the text matched, if it did


class NotFound(Exception):
    """The text names no agency, or several; the message says which, in Thai."""


class AgencyFinder:
    """Every name of every agency, read once (two queries) for a whole file."""

    def __init__(self):
        agencies = {a.pk: a for a in Agency.objects.all()}
        current, former, retired = {}, {}, {}
        for agency in agencies.values():
            index = current if agency.is_active else retired
            for text in (agency.slug, agency.name, agency.name_en, agency.abbreviation):
                for k in _keys(text):
                    index.setdefault(k, {})[agency.pk] = text
        for name in FormerName.objects.all():
            if agencies[name.agency_id].is_active:
                for k in _keys(name.text):
                    former.setdefault(k, {})[name.agency_id] = name.text
        self.agencies = agencies
        self.tiers = [(current, False), (former, True)]
        self.retired = retired
        self._memo = {}  # a staff list names the same few agencies over and over

    def find(self, text):
        """The agency `text` names, or NotFound with the reason."""
        if text not in self._memo:
            try:
                self._memo[text] = self._find(text)
            except NotFound as refusal:
                self._memo[text] = refusal
        found = self._memo[text]
        if isinstance(found, NotFound):
            raise found
        return found

    def _find(self, text):
        for k in _keys(text):
            for index, is_former in self.tiers:
                matches = index.get(k)
                if not matches:
                    continue
                if len(matches) > 1:
                    names = ", ".join(sorted(self.agencies[pk].short_name for pk in matches))
                    raise NotFound(
                        _("“%(text)s” fits several agencies (%(names)s): write the full name")
                        % {"text": text, "names": names}
                    )
                ((pk, matched),) = matches.items()
                return Found(self.agencies[pk], matched if is_former else "")
        for k in _keys(text):
            if k in self.retired:
                raise NotFound(_("“%(text)s” has been retired") % {"text": text})
        raise NotFound(self._unknown(text))

    def _unknown(self, text):
        close = difflib.get_close_matches(key(text), list(self.tiers[0][0]), n=1, cutoff=0.85)
        if close:
            (pk,) = list(self.tiers[0][0][close[0]])[:1]
            return _("unknown agency: %(text)s (did you mean %(name)s?)") % {
                "text": text,
                "name": self.agencies[pk].short_name,
            }
        return _("unknown agency: %(text)s") % {"text": text}
