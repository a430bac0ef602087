"""CSV (UTF-8 with a BOM, for Excel) and XLSX (one sheet per table) downloads."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jitarsa.spreadsheet import safe_cell


def _cells(row):
    return [safe_cell(str(v)) if not isinstance(v, int | float) else v for v in row]


def _printable(cell):
    """XLSX refuses control characters (a name pasted from elsewhere): drop them, not the file."""
    return ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell


def _lines(table):
    yield _cells(table.headings)
    for row in table.rows:
        yield _cells(row)
    if table.total:
        yield _cells(table.total)


def to_csv(table):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for line in _lines(table):
        writer.writerow(line)
    return out.getvalue().encode("utf-8")


def to_xlsx(tables, period):
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=str(table.title)[:31])
        sheet.append([f"{table.title} — {period.label} ({period.dates()})"])
        sheet["A1"].font = Font(bold=True)
        for line in _lines(table):
            sheet.append([_printable(cell) for cell in line])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
