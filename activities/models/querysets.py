"""The named questions asked of posts: what is public, in which order, who may see or change it."""

from django.db import models
from django.db.models import Case, F, FilteredRelation, Q, Value, When

from agencies.models import Agency
from agencies.roles import agency_ids_of, is_coordinator

from .. import search
from ..workflow import EDITABLE_STATUSES, Status
from .photo import Photo


def _editable(user):
    """The one rule for who may change a post, as a condition (see editable_by)."""
    live = Q(archived_at__isnull=True)
    if is_coordinator(user):
        return live
    return live & Q(agency_id__in=agency_ids_of(user), status__in=EDITABLE_STATUSES)


# How readers may order a list: the column behind each choice. "published" is the
# readers' "latest" (a post published today comes first, whatever the activity's date).
ORDERS = {"published": "published_at", "date": "start_date"}
DEFAULT_ORDER = "published"
PARTNER_IDS_INLINE = 2000
# What the feed's filters read, carried in its order indexes (see Activity.Meta.indexes).
FILTERED = ["agency", "activity_type", "province"]
# The post's columns a card shows, with the orders' (ORDERS: pagination's cursors read them).
CARD_FIELDS = [
    "slug", "title", "start_date", "end_date", "agency", "province", "activity_type",
    "published_at",
]  # fmt: skip


def agency_ids_named(term):
    """The ids of the agencies a search term names (at most 500)."""
    return list(Agency.objects.named_by(term).values_list("pk", flat=True)[:500])


class ActivityQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: published and not archived."""
        return self.filter(status=Status.PUBLISHED, archived_at__isnull=True)

    def live(self):
        """Everything not archived (soft-deleted) by a coordinator."""
        return self.filter(archived_at__isnull=True)

    def waiting(self):
        """Posts waiting for a coordinator's review."""
        return self.live().filter(status=Status.SUBMITTED)

    def involving(self, agency):
        """Posts the agency led or took part in, each once (no JOIN, no DISTINCT).

        The partnered posts' ids are read first and written into the query as a list, so
        PostgreSQL combines the agency index with the primary key; `agency OR id IN
        (subquery)` made it walk every published post (0.35 s at 100,000). An agency that
        partnered in more than PARTNER_IDS_INLINE posts gets the subquery: right, slower.
        """
        partnered = self.model.partners.through.objects.filter(agency=agency)
        ids = list(partnered.values_list("activity_id", flat=True)[: PARTNER_IDS_INLINE + 1])
        if len(ids) > PARTNER_IDS_INLINE:
            ids = partnered.values("activity_id")
        return self.filter(Q(agency=agency) | Q(pk__in=ids))

    def in_order(self, order=DEFAULT_ORDER):
        """Newest first by publication (the default) or by the activity's date; the id
        breaks ties so every row has one place (keyset pages rely on it)."""
        return self.order_by(f"-{ORDERS[order]}", "-pk")

    def newest_first(self):
        return self.in_order("published")

    def older_than(self, order, value, pk):
        """The rows after (value, pk) in `in_order(order)`. The plain `<=` lets the index
        start at the cursor instead of walking every newer row."""
        field = ORDERS[order]
        after = Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk})
        return self.filter(after, **{f"{field}__lte": value}).in_order(order)

    def down_to(self, order, value, pk):
        """The rows from the top of `in_order(order)` down to (value, pk) included."""
        field = ORDERS[order]
        within = Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gte": pk})
        return self.filter(within, **{f"{field}__gte": value}).in_order(order)

    def newer_than(self, order, value, pk):
        """The rows before (value, pk) in `in_order(order)`, nearest first."""
        field = ORDERS[order]
        before = Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gt": pk})
        return self.filter(before, **{f"{field}__gte": value}).order_by(field, "pk")

    def for_cards(self):
        """Everything a card shows, in a fixed number of queries whatever the page size,
        without the story and its search text, which no card shows."""
        return (
            self.select_related("agency", "activity_type", "province")
            .defer("body", "search_text")
            .with_cover()
        )

    def card_rows(self):
        """What tells one card from another (activities.cards), in one query of plain columns:
        the post's own, its agency's, province's and type's ids and its cover photo's. A list
        whose cards are all in the cache builds no agency, type, province or photo objects;
        the posts whose cards are missing are then read with for_cards()."""
        cover = FilteredRelation(
            "photos", condition=Q(photos__is_cover=True, photos__is_hidden=False)
        )
        return (
            self.annotate(card_cover=cover)
            .only(*CARD_FIELDS)
            .annotate(
                cover_pk=F("card_cover__pk"),
                cover_image=F("card_cover__image"),
                cover_renditions=F("card_cover__renditions"),
                cover_text=F("card_cover__alt_text"),
                cover_caption=F("card_cover__caption"),
            )
        )

    def visible_to(self, user, *, archived=False):
        """The posts a signed-in user may open in the staff area and the admin: their
        agencies' (lead or partner), or all of them for coordinators. Archived posts are
        a coordinator's deletions: only coordinators see them, and only when asked."""
        if is_coordinator(user):
            return self if archived else self.live()
        ids = agency_ids_of(user)
        partnered = self.model.partners.through.objects.filter(agency_id__in=ids)
        return self.live().filter(Q(agency_id__in=ids) | Q(pk__in=partnered.values("activity_id")))

    def editable_by(self, user):
        """The posts a user may change: any live post for coordinators; for agency staff,
        their agencies' (as lead) while a draft or returned."""
        return self.filter(_editable(user))

    def with_can_edit(self, user):
        """Each row says whether `user` may change it (`can_edit`), by the rule of
        editable_by, for lists that show an Edit link on some rows only."""
        rule = When(_editable(user), then=Value(True))
        return self.annotate(can_edit=Case(rule, default=Value(False)))

    def in_progress(self):
        """Posts still being written (draft or returned): only these are autosaved, so a
        coordinator's half-typed change never shows on a published page."""
        return self.filter(status__in=EDITABLE_STATUSES)

    def search(self, text, named=None):
        """Every space-separated term must appear (inside words too: Thai has no spaces)
        in the title, story, place or credits (`search_text`, see search.py), or name the
        agency (AgencyQuerySet.named_by). Matching agencies are looked up first because an
        OR across the join would force a scan of every post; `named` gives them per term
        when the caller keeps them (the public feed, filters.py)."""
        qs = self
        terms = search.terms(text)
        named = named or {term: agency_ids_named(term) for term in terms}
        for term in terms:
            match = Q(search_text__contains=search.encode(term))
            if named[term]:
                match |= Q(agency_id__in=named[term])
            qs = qs.filter(match)
        return qs

    def with_cover(self):
        return self.prefetch_related(
            models.Prefetch(
                "photos",
                queryset=Photo.objects.visible().filter(is_cover=True),
                to_attr="cover_photos",
            )
        )
