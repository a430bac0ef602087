"""RSS 2.0 and Atom feeds of published activities: all, per agency and per activity type.

Each view answers conditional requests from the public-pages version stamp (cache.py), so a
feed reader polling every few minutes gets 304 Not Modified until something changes.

A feed's XML is kept under what it shows (ActivityFeed.get_feed), like the cards: a
publish moves the content version, which retires every page, but it changes one agency's
and one type's feeds of the 120 or so; the others are answered again from their kept XML
after a query of their 30 posts' keys, instead of writing 30 items from their objects
(13-21 ms).
"""

import functools
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition

from agencies.models import Agency
from core.text import first_paragraph, normalize

from . import cache, cards, sharing
from .models import Activity, ActivityType
from .photos import storing

ITEMS = 30


def _clean(value):
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return normalize(str(value) if isinstance(value, Promise) else value, multiline=False)


class _CleanText:
    """Every text of the feed cleaned first. Django's feed writer refuses control characters
    (XML 1.0 cannot hold them), so one stored before text was cleaned on the way in
    (core.fields) would otherwise take the feed down for everyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **{k: _clean(v) for k, v in kwargs.items()})


class RssFeed(_CleanText, Rss201rev2Feed):
    pass


class AtomFeed(_CleanText, Atom1Feed):
    pass


@dataclass
class Written:
    """A feed already written, in the shape Feed.__call__ asks of a feed generator."""

    content_type: str
    latest: datetime
    xml: str

    def latest_post_date(self):
        return self.latest

    def write(self, outfile, encoding):
        outfile.write(self.xml)


@functools.cache
def _code_version():
    return cache.digest(django.__version__, Path(__file__).read_bytes())


class ActivityFeed(Feed):
    feed_type = RssFeed
    title = _("Volunteer activities, Ministry of Education")
    description = _("The newest volunteer activities published by the ministry's agencies.")

    def link(self, obj=None):
        return reverse("activities:feed")

    def published(self, obj=None):
        return Activity.objects.public()

    def items(self, obj=None):
        items = list(
            self.published(obj)
            .select_related("agency", "activity_type")
            .with_cover()
            .newest_first()[:ITEMS]
        )
        pictures = {item.pk: item.cover.largest() for item in items if item.cover}
        known = storing.sizes(p.name for p in pictures.values() if p)
        for item in items:
            picture = pictures.get(item.pk)
            found = picture is not None and picture.name in known
            item.enclosure = (picture, known[picture.name]) if found else None
        return items

    def shown(self, obj):
        """What the feed's XML is kept under, besides the language and the address (see
        get_feed): its posts' keys, the time each was published and last saved (any change
        to a post's text saves it), their agency and type, the cover's files."""
        items = self.published(obj).card_rows().newest_first()[:ITEMS]
        return items.values_list(
            "pk", "published_at", "updated_at", "agency_id", "activity_type_id",
            "cover_pk", "cover_image", "cover_renditions",
        )  # fmt: skip

    def get_feed(self, obj, request):
        """The feed written once for what it shows and kept for cards.TIMEOUT (its
        enclosures may be signed addresses); the names shown are covered by the
        directory's stamp, a new deploy by this module's and Django's code."""
        shown = (
            _code_version(),
            type(self).__name__,
            getattr(obj, "pk", None),
            list(self.shown(obj)),
            cache.directory_version(),
            get_language(),
            request.get_host(),
            request.is_secure(),
            settings.SITE_URL,
            settings.MEDIA_URL,
        )
        key = f"public:feed:{cache.digest(*shown)}"
        written = caches["default"].get(key)
        if written is None:
            feed = super().get_feed(obj, request)
            xml = feed.writeString("utf-8")
            written = Written(feed.content_type, feed.latest_post_date(), xml)
            caches["default"].set(key, written, cards.TIMEOUT)
        return written

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show descriptions as HTML: the plain text is escaped for it.
        return escape(first_paragraph(item.body, 400))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(item.author_names()) or item.agency.name

    def item_categories(self, item):
        return [item.activity_type.name, item.agency.short_name]

    def item_enclosures(self, item):
        """The cover's largest size, its length in bytes as RSS asks (photos.storing.sizes)."""
        if item.enclosure is None:
            return []
        picture, length = item.enclosure
        mime = mimetypes.guess_type(picture.name)[0] or "image/jpeg"
        return [Enclosure(sharing.absolute(picture.url), str(length), mime)]


class AgencyFeed(ActivityFeed):
    def get_object(self, request, slug):
        # Subscribers to an agency merged into another keep receiving its (joined) posts.
        agency = Agency.objects.successor_of(slug)
        if agency is None or not agency.is_active:
            raise Http404
        return agency

    def title(self, agency):
        return _("Volunteer activities: %(agency)s") % {"agency": agency.name}

    def description(self, agency):
        return escape(_("Volunteer activities of %(agency)s.") % {"agency": agency.name})

    def link(self, agency):
        return agency.get_absolute_url()

    def published(self, agency):
        return Activity.objects.public().involving(agency)


class TypeFeed(ActivityFeed):
    def get_object(self, request, slug):
        return get_object_or_404(ActivityType, slug=slug)

    def title(self, activity_type):
        return _("Volunteer activities: %(type)s") % {"type": activity_type.name}

    def description(self, activity_type):
        return escape(
            _("Volunteer activities of the type %(type)s.") % {"type": activity_type.name}
        )

    def link(self, activity_type):
        return f"{reverse('activities:feed')}?type={activity_type.slug}"

    def published(self, activity_type):
        return Activity.objects.public().filter(activity_type=activity_type)


def atom(feed_class):
    attrs = {"feed_type": AtomFeed, "subtitle": feed_class.description}
    return type(f"Atom{feed_class.__name__}", (feed_class,), attrs)


def conditional(feed):
    """A feed view that answers If-None-Match / If-Modified-Since and is cached whole."""
    return condition(etag_func=cache.etag, last_modified_func=cache.last_modified)(
        cache.public_page(feed)
    )


latest = conditional(ActivityFeed())
latest_atom = conditional(atom(ActivityFeed)())
agency = conditional(AgencyFeed())
agency_atom = conditional(atom(AgencyFeed)())
activity_type = conditional(TypeFeed())
activity_type_atom = conditional(atom(TypeFeed)())
