"""The text the public search matches against, and the same encoding for a search term.

Thai is written without spaces, so the search is a substring match, answered on PostgreSQL
by one trigram (pg_trgm) index over `Activity.search_text`. pg_trgm only builds trigrams
from letters and digits: every Thai vowel or tone mark above or below a consonant, and
every dot or hyphen, splits a "word" into scraps of one or two characters, which appear
in nearly every post. Searching "ก่า" then meant re-checking all 100,000 posts (0.8 s).
So the stored text and each term are encoded alike: upper case (Latin search ignores case)
and each such mark or sign replaced by a letter of its own from an alphabet Thai posts do
not use (Greek, Cyrillic capitals). "ป่า" becomes "ปΚา", one selective trigram, and matches
exactly what it matched before. Titles, stories, places and credits are kept apart by a
line break, which no term contains, so a term never matches across two of them.
"""

from core.text import normalize

MARKS = "".join(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
SIGNS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…"
STANDINS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_TABLE = str.maketrans(MARKS + SIGNS, STANDINS[: len(MARKS + SIGNS)])
SEPARATOR = "\n"
MIN_TERM_LENGTH = 3  # a trigram index cannot narrow anything shorter
MAX_TERMS = 8


def encode(text):
    return text.upper().translate(_TABLE)


def searchable(*texts):
    """The stored search text of a post's title, story, place and credits."""
    return SEPARATOR.join(encode(" ".join(text.split())) for text in texts if text)


def terms(text):
    """The terms of a search as typed, cleaned like stored text (a term pasted with a
    zero-width space or a decomposed Thai vowel still matches), at most MAX_TERMS."""
    return normalize(text, multiline=False).split()[:MAX_TERMS]
