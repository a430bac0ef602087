"""The activity cards of the public lists (templates/activities/_card.html), made once.

Rendering a list's 20 cards was two thirds of an uncached feed page. Each card is kept in
the cache under a fingerprint of everything it shows (the post's address, title and dates,
the agency's, province's and type's names in this language, the cover photo's files and
text, the heading level, whether its picture loads first), so an edit anywhere simply
makes a new card and nothing has to be retired. A list fetches all its cards in one round
trip and renders only the missing ones; a post's card serves every list it appears in. The
card template's own text is part of the fingerprint, so a deploy never mixes old cards in.
"""

import functools
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TEMPLATE = "activities/_card.html"
TIMEOUT = 1800  # well inside the life of a signed photo address (AWS_QUERYSTRING_AUTH)


def render(activities, *, level=2, eager_first=False):
    """The cards' HTML, in order; the first one's picture loads eagerly if asked."""
    wanted = [
        (_key(activity, level, eager_first and n == 0), activity, eager_first and n == 0)
        for n, activity in enumerate(activities)
    ]
    found = _read([key for key, *_ in wanted])
    made = {
        key: render_to_string(TEMPLATE, {"activity": activity, "level": level, "eager": eager})
        for key, activity, eager in wanted
        if key not in found
    }
    _write(made)
    return [mark_safe(found.get(key) or made[key]) for key, *_ in wanted]


@functools.cache
def _template_version():
    """A new card template (a deploy) makes new cards rather than mixing old markup in."""
    source = get_template(TEMPLATE).template.source
    return hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()[:8]


def _key(activity, level, eager):
    cover = activity.cover
    shown = [
        _template_version(),
        get_language(),
        settings.MEDIA_URL,
        activity.pk,
        activity.slug,
        activity.title,
        str(activity.start_date),
        str(activity.end_date),
        activity.agency.short_name,
        activity.province.display_name if activity.province else "",
        activity.activity_type.display_name,
        [cover.pk, cover.stored_names(), cover.alt] if cover else None,
        level,
        eager,
    ]
    digest = hashlib.md5(json.dumps(shown, default=str).encode(), usedforsecurity=False)
    return f"public:card:{digest.hexdigest()}"


def _read(keys):
    return cache.get_many(keys)  # with Redis away, nothing (core/cache.py): every card is made


def _write(made):
    if made:
        cache.set_many(made, TIMEOUT)
