"""The report's XLSX download: one sheet per table (the CSV is activities.figures.to_csv)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheet import safe_row


def to_xlsx(tables, period):
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=str(table.title)[:31])
        sheet.append(safe_row([f"{table.title} — {period.label} ({period.dates()})"]))
        sheet["A1"].font = Font(bold=True)
        for line in table.lines():
            sheet.append(safe_row(line))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
