"""The datasets as whole files (CSV: UTF-8 with a BOM; JSON; XLSX; formula cells neutralised
as in the report exports), written by the worker (opendata/build.py), and as JSON pages
linked by a cursor, answered in the request (at most MAX_LIMIT records each)."""

import csv
import json

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.spreadsheet import safe_cell

from .datasets import LIST_SEPARATOR

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def _cell(value, column):
    if value is None:
        return ""
    if column.many:
        value = LIST_SEPARATOR.join(value)
    return safe_cell(value) if isinstance(value, str) else value


def _row_batches(dataset):
    """Every record as a row, a batch (one query) at a time."""
    # Addresses in the data are the Thai (default-language) ones, whoever asks.
    with translation.override("th"):
        for batch in dataset.batches():
            yield [dataset.row(record) for record in batch]


def _cells(row, dataset):
    return [_cell(row[c.name], c) for c in dataset.columns]


def write_csv(dataset, path):
    """The whole dataset as a CSV file at `path` (a BOM, the header, one line per record);
    returns the number of records."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c.name for c in dataset.columns])
        for rows in _row_batches(dataset):
            writer.writerows(_cells(row, dataset) for row in rows)
            count += len(rows)
    return count


def write_json(dataset, path):
    """{"dataset": …, "data": [every record], "next": null}: one page holding everything,
    valid against the same JSON Schema as the pages. Returns the number of records."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'{{"dataset":{to_json(dataset.slug)},"data":[')
        for rows in _row_batches(dataset):
            for row in rows:
                out.write(("," if count else "") + to_json(row))
                count += 1
        out.write('],"next":null}')
    return count


def write_xlsx(dataset, path):
    """The whole dataset as one sheet; write-only mode keeps memory flat whatever the size.
    Returns the number of records."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(dataset.slug)
    header = []
    for column in dataset.columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for rows in _row_batches(dataset):
        for row in rows:
            sheet.append(_cells(row, dataset))
            count += 1
    book.save(path)
    return count


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
