"""Paging through the public lists at any depth, with no unbounded COUNT(*) or deep OFFSET.

The first MAX_PAGE pages are numbered: their OFFSET stays under 1,000 rows, and the count
behind "page 3 of 12" stops at COUNT_CAP ("more than 1,000 activities found"), because
counting every post that holds a common word costs far more than showing 20 of them.
Past the last numbered page the list goes on by keyset: "older" carries the last row's
(order value, id) as ?before=…, "newer" the first row's as ?after=…, and the next rows are
read from the order's index at that point, as cheap at the 900,000th post as at the
1,000th.
"""

import datetime

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import DateTimeField

from .cache import kept
from .models import DEFAULT_ORDER, ORDERS, Activity

PAGE_SIZE = 20
READS = ("page", "before", "after")  # the query parameters paginate() reads
MAX_PAGE = 50
COUNT_CAP = PAGE_SIZE * MAX_PAGE
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)
LARGEST_ID = 2**63 - 1


class CappedPaginator(Paginator):
    """A paginator told how many rows matched, up to COUNT_CAP + 1."""

    def __init__(self, object_list, per_page, found):
        super().__init__(object_list, per_page)
        self.capped = found > COUNT_CAP
        self.count = min(found, COUNT_CAP)


class KeysetPage:
    """Rows reached by an "older" or "newer" link: no number, a link each way."""

    number = None

    def __init__(self, rows, paginator, *, newer, older):
        self.object_list, self.paginator = rows, paginator
        self.newer, self.older = newer, older

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def cursor(activity, order):
    """The text for ?before= / ?after=: the row's order value and its id."""
    value = getattr(activity, ORDERS[order])
    if isinstance(value, datetime.datetime):
        return f"{(value - EPOCH) // MICROSECOND}.{activity.pk}"
    return f"{value.isoformat()}.{activity.pk}"


def parse_cursor(text, order):
    """(value, id) from a cursor, or None for anything malformed."""
    try:
        raw, pk = text.rsplit(".", 1)
        pk = int(pk)
        if isinstance(Activity._meta.get_field(ORDERS[order]), DateTimeField):
            value = EPOCH + int(raw) * MICROSECOND
        else:
            value = datetime.date.fromisoformat(raw)
    except (ValueError, OverflowError):
        return None
    return (value, pk) if 0 < pk <= LARGEST_ID else None


def paginate(request, queryset, order=DEFAULT_ORDER, count=None, *, whole=False):
    """The page the request asks for: numbered (?page=) or by keyset (?before=, ?after=).
    `whole`: the queryset is the whole public list (the feed with no filter), whose size
    its kept edge tells (whole_list_count) and whose first page is read at once.

    Unless the caller knows the count (an agency page's totals), the matches' (order value,
    id) pairs are read first: at most COUNT_CAP + 1 and in no order, so PostgreSQL finds
    them by whichever index suits (the trigram index for a rare word). When no more than
    the cap match, the pages come from those pairs (ByKeys), so a rare word never makes
    it walk the newest-first index past every post to find 20. Longer lists are read by
    first_keys (Windowed), and keyset links lead past page 50.
    """
    if whole:
        count = whole_list_count(order)
    if count is None:
        keys = _matches(queryset, order)
        if keys is not None:
            paginator = CappedPaginator(ByKeys(queryset, order, keys), PAGE_SIZE, len(keys))
            return _numbered_page(request, paginator, order)
        count = COUNT_CAP + 1
    paginator = CappedPaginator(Windowed(queryset, order, whole=whole), PAGE_SIZE, count)
    for direction in ("before", "after"):
        position = parse_cursor(request.GET.get(direction, ""), order)
        if position is not None:
            page = _keyset_page(queryset, paginator, order, direction, position)
            if page is not None:
                return page
    return _numbered_page(request, paginator, order)


def whole_list_count(order=DEFAULT_ORDER):
    """What the whole public list's pages need to know of its size, without counting it:
    more than COUNT_CAP once it has SAMPLE posts (its kept edge says so); None (count it)
    while it is smaller."""
    return COUNT_CAP + 1 if _cached_edge(Activity.objects.public(), order, SAMPLE) else None


def _matches(queryset, order):
    """The (order value, id) of every match, or None when more than COUNT_CAP match; kept
    per query and content version, so the pages of one search (?page=2, 3, ..., the
    older/newer links) and a page asked again match once (eight common words took 25 ms
    to match 1,001 posts). A long list keeps only that it is long: a few bytes, not a
    thousand keys, for each common search."""
    matches = queryset.order_by().values_list(ORDERS[order], "pk")[: COUNT_CAP + 1]

    def find():
        found = list(matches)
        return found if len(found) <= COUNT_CAP else None

    return kept("matches", find, *matches.query.sql_with_params())


class ByKeys:
    """At most COUNT_CAP matches known by their (order value, id), sorted here as
    in_order() sorts; a page reads its 20 rows by id."""

    def __init__(self, queryset, order, keys):
        self.queryset, self.order = queryset, order
        self.keys = sorted(keys, reverse=True)

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, window):
        return _rows(self.queryset, self.order, self.keys[window])


QUICK = 200  # the newest posts a short page of a long list is first walked through
SAMPLE = 2_000  # the newest posts of the whole list a long list is first looked for in
NEAR = 5_000  # how far a walk the sample promises short goes with bitmap scans off
WALK_LIMIT = 50_000  # the most posts the walk may be expected to pass


def first_keys(queryset, order, count, after=None):
    """The (order value, id) of the first `count` rows of `queryset` in `order`, after the
    position `after` if given.

    A short first page (20 rows) is first walked for through the newest QUICK posts alone:
    a list of more than COUNT_CAP matches usually has them there (eight common words: 20
    in the first 50 posts, 0.5 ms), and that walk is kept from ANDing the filter's own
    index (_walked).

    Walking the order's index until `count` rows match is quick when the matches are spread
    over time, but a word found only in old posts made it pass every newer post (0.9 s at
    100,000, 10 s at a million). So the walk first goes no further than the newest SAMPLE
    posts of the whole public list (its edge read along the same index, kept per content
    version). If the matches found there promise the rest well within NEAR posts, the walk
    goes on to the newest NEAR posts' edge with bitmap scans off (a rare word at a million posts:
    PostgreSQL read its 10,000 matches by the trigram index and sorted them, 31 ms, for 20
    it meets within 2,100 posts, 10 ms). If they promise the rest within WALK_LIMIT posts
    (or the near walk fell short), the planner walks on as it sees fit; if not (few or none
    among the newest posts), the matches' keys are read in no order, by the filter's own
    index, and the newest kept (_newest).
    """
    field = ORDERS[order]
    rows, everything = queryset, Activity.objects.public()
    if after is not None:
        rows = rows.older_than(order, *after)
        everything = everything.older_than(order, *after)
    if after is None:
        edge = _cached_edge(everything, order, SAMPLE)
    else:
        edge = _edge(everything, order, SAMPLE)
    if not edge:  # fewer than SAMPLE posts in all
        return list(rows.in_order(order).values_list(field, "pk")[:count])
    if after is None and count <= QUICK // 4:
        quick = _cached_edge(everything, order, QUICK)
        found = quick and _walked(rows.down_to(order, *quick[0]).values_list(field, "pk")[:count])
        if found and len(found) == count:
            return found
    found = list(rows.down_to(order, *edge[0]).values_list(field, "pk")[:count])
    if len(found) == count:
        return found
    promise = count * SAMPLE / len(found) if found else None
    # Twice the room the promise asks for: it is an estimate from a few matches.
    near = (
        promise and promise * 2 <= NEAR and after is None and _cached_edge(everything, order, NEAR)
    )
    if near:
        walked = _walked(rows.down_to(order, *near[0]).values_list(field, "pk")[:count])
        if len(walked) == count:
            return walked
    if promise and promise <= WALK_LIMIT:
        return list(rows.in_order(order).values_list(field, "pk")[:count])
    return _newest(rows.order_by().values_list(field, "pk"), count)


def _newest(keys, count):
    """The newest `count` of (order value, id) pairs found in no order. On PostgreSQL the
    database keeps the newest as it reads (a top-N sort), fenced by MATERIALIZED so the
    planner cannot turn the ORDER BY into a walk along the order's index, the walk this
    spares. Sending the matches' keys here to be sorted cost a word only old posts hold
    (40,000 matches at a million posts) 181 ms; this, 100."""
    if connection.vendor != "postgresql":
        return sorted(keys, reverse=True)[:count]
    sql, params = keys.query.sql_with_params()
    newest = f"WITH found AS MATERIALIZED ({sql}) SELECT * FROM found ORDER BY 1 DESC, 2 DESC"
    with connection.cursor() as cursor:
        cursor.execute(f"{newest} LIMIT %s", [*params, count])
        return cursor.fetchall()


def _walked(rows):
    """The rows, read by walking the order's index, on PostgreSQL by telling the planner so
    (bitmap scans off for this one statement). Left to itself it ANDed the filter's own
    bitmap with the window: for eight common words, the trigram index's posting lists of
    most posts (31 ms) to find 20 posts the walk meets in the first 50 (0.5 ms). Only for
    walks bounded by an edge (QUICK or NEAR posts): an unbounded walk for a rare match is
    what the bitmap is there to spare."""
    if connection.vendor != "postgresql":
        return list(rows)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        return list(rows)


def _cached_edge(everything, order, size):
    """The edge of the whole public list: the same for every list until the content changes."""
    return kept("edge", lambda: _edge(everything, order, size), order, size)


def _edge(rows, order, size):
    return list(rows.in_order(order).values_list(ORDERS[order], "pk")[size - 1 : size])


class Windowed:
    """The numbered pages of a long list: the page's keys by first_keys, then its rows.
    The first page of the whole public list is its newest rows, read along the order's
    index with their covers in one query (1.8 ms; finding the keys first took 5.3): the
    page every publish brings back to be made."""

    def __init__(self, queryset, order, *, whole=False):
        self.queryset, self.order, self.whole = queryset, order, whole

    def __getitem__(self, window):
        if self.whole and window.start == 0:
            return list(self.queryset.card_rows().in_order(self.order)[window])
        keys = first_keys(self.queryset, self.order, window.stop)[window]
        return _rows(self.queryset, self.order, keys)


def _rows(queryset, order, keys):
    """The page's posts as card rows (activities.cards), read by id alone: the list's own
    filter, applied again, could send PostgreSQL back to its trigram index for 20 rows
    (eight common words: 4 ms instead of 1). Only public() is kept, for a post
    unpublished since its key was read."""
    ids = [pk for _value, pk in keys]
    return list(queryset.model.objects.public().filter(pk__in=ids).card_rows().in_order(order))


def _numbered_page(request, paginator, order):
    page = paginator.get_page(request.GET.get("page"))
    page.elided = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    page.older = None
    if paginator.capped and not page.has_next() and page.object_list:
        page.older = cursor(page.object_list[len(page.object_list) - 1], order)
    return page


def _keyset_page(queryset, paginator, order, direction, position):
    """None when the cursor leads nowhere useful, so the caller shows the first page."""
    if direction == "before":
        rows = _rows(queryset, order, first_keys(queryset, order, PAGE_SIZE + 1, position))
        if not rows:
            return None  # past the end (or a made-up cursor): start again at the top
        shown = rows[:PAGE_SIZE]
        older = cursor(shown[-1], order) if len(rows) > PAGE_SIZE else None
        return KeysetPage(shown, paginator, newer=cursor(shown[0], order), older=older)
    rows = list(queryset.newer_than(order, *position).card_rows()[: PAGE_SIZE + 1])
    if len(rows) <= PAGE_SIZE:
        return None  # back at the top: the first numbered page shows these and more
    shown = rows[:PAGE_SIZE][::-1]
    return KeysetPage(
        shown, paginator, newer=cursor(shown[0], order), older=cursor(shown[-1], order)
    )
