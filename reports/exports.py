"""CSV (UTF-8 with a BOM, for Excel) and XLSX (one sheet per table) downloads."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jitarsa.spreadsheet import safe_cell


def _cells(row):
    """Numbers as numbers; text cleaned of what XLSX cannot hold and of formulas."""
    return [safe_cell(str(v)) if not isinstance(v, int | float) else v for v in row]


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
        sheet.append(_cells([f"{table.title} — {period.label} ({period.dates()})"]))
        sheet["A1"].font = Font(bold=True)
        for line in _lines(table):
            sheet.append(line)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
