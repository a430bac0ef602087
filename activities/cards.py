"""The activity cards of the public lists (templates/activities/_card.html), made once.

Rendering a list's 20 cards was two thirds of an uncached feed page, and building the
objects they show (each post's agency, province, type and cover photo) most of the rest.
Each card is kept in the cache under a fingerprint of everything it shows: the post's
address, title and dates, its agency, province and type with the stamp their names are
shown under (cache.directory_version), the language, the cover photo's files and text,
the heading level, whether its picture loads first. So an edit anywhere simply makes a new
card and nothing has to be retired. A list reads its posts as card rows
(ActivityQuerySet.card_rows: plain columns, one query), fetches all its cards in one round
trip, and reads and renders only the posts whose cards are missing. A post's card serves
every list it appears in. The card template's own text is part of the fingerprint, so a
deploy never mixes old cards in.
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import digest, directory_version
from .models import Activity

TEMPLATE = "activities/_card.html"
TIMEOUT = 1800  # well inside the life of a signed photo address (AWS_QUERYSTRING_AUTH)


def render(rows, *, level=2, eager_first=False):
    """The cards' HTML for posts read with card_rows(), in order; the first one's picture
    loads eagerly if asked. A post gone since its row was read has no card."""
    directory = directory_version()
    wanted = [
        (_key(row, directory, level, eager_first and n == 0), row.pk, eager_first and n == 0)
        for n, row in enumerate(rows)
    ]
    found = _read([key for key, *_ in wanted])
    missing = {pk for key, pk, _eager in wanted if key not in found}
    posts = Activity.objects.filter(pk__in=missing).for_cards().in_bulk() if missing else {}
    made = {
        key: render_to_string(TEMPLATE, {"activity": posts[pk], "level": level, "eager": eager})
        for key, pk, eager in wanted
        if key not in found and pk in posts
    }
    _write(made)
    shown = (found.get(key) or made.get(key) for key, *_ in wanted)
    return [mark_safe(card) for card in shown if card]


@functools.cache
def _template_version():
    """A new card template (a deploy) makes new cards rather than mixing old markup in."""
    return digest(get_template(TEMPLATE).template.source)[:8]


def _key(row, directory, level, eager):
    shown = [
        _template_version(),
        get_language(),
        settings.MEDIA_URL,
        row.pk,
        row.slug,
        row.title,
        str(row.start_date),
        str(row.end_date),
        directory,  # the agency's, province's and type's names: moves when one is renamed
        row.agency_id,
        row.province_id,
        row.activity_type_id,
        [row.cover_pk, row.cover_image, row.cover_renditions, row.cover_text, row.cover_caption]
        if row.cover_pk
        else None,
        level,
        eager,
    ]
    return f"public:card:{digest(*shown)}"


def _read(keys):
    if not keys:  # no featured post: no trip to Redis for nothing
        return {}
    return cache.get_many(keys)  # with Redis away, nothing (core/cache.py): every card is made


def _write(made):
    if made:
        cache.set_many(made, TIMEOUT)
