"""The datasets as CSV (streamed, UTF-8 with a BOM, formula cells neutralised as in the
report exports) and as JSON pages linked by a cursor."""

import csv
import json

from django.utils import translation

from jitarsa.spreadsheet import safe_cell

from .datasets import LIST_SEPARATOR

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


class _Line:
    """A file-like object that hands back what csv.writer writes (one line at a time)."""

    def write(self, text):
        return text


def _cell(value, column):
    if value is None:
        return ""
    if column.many:
        value = LIST_SEPARATOR.join(value)
    return safe_cell(value) if isinstance(value, str) else value


def csv_lines(dataset):
    """The BOM and header, then one line per record; the database is read a batch at a time."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([c.name for c in dataset.columns])
    # Addresses in the data are the Thai (default-language) ones, whoever asks.
    with translation.override("th"):
        for batch in dataset.batches():
            yield "".join(
                writer.writerow([_cell(row[c.name], c) for c in dataset.columns])
                for row in map(dataset.row, batch)
            )


class BadPage(ValueError):
    pass


def page_request(params):
    """(after, limit) from ?cursor=&limit=; BadPage with a message for anything else."""
    try:
        after = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or DEFAULT_LIMIT)
    except ValueError:
        raise BadPage("cursor and limit must be whole numbers") from None
    if after < 0 or not 1 <= limit <= MAX_LIMIT:
        raise BadPage(f"cursor must be 0 or more and limit between 1 and {MAX_LIMIT}")
    return after, limit


def json_page(dataset, after, limit, next_url):
    """{"data": [...], "next": url or null}; `next_url(cursor)` makes the next page's link."""
    with translation.override("th"):
        batch = next(dataset.batches(after=after, size=limit + 1), [])
        rows = [dataset.row(record) for record in batch[:limit]]
    cursor = batch[limit - 1].pk if len(batch) > limit else None
    return {
        "dataset": dataset.slug,
        "data": rows,
        "next": next_url(cursor) if cursor is not None else None,
    }


def to_json(data):
    return json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
