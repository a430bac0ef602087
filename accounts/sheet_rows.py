"""Rows of cells from an uploaded CSV or XLSX file, however Excel or another program saved
it (staff_file reads the staff list out of them). Anything unreadable raises
`UnreadableFile` with a message for the person who uploaded it, never a server error."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook


class UnreadableFile(Exception):
    """The whole file cannot be read; the message says why and what to do."""


def _not_a_list():
    return UnreadableFile(
        _("This is not a spreadsheet the portal can read. Upload an Excel file (.xlsx) or CSV.")
    )


def _decode(raw):
    """UTF-8 (with or without Excel's BOM), UTF-16 ("Unicode Text" from Excel), else Thai
    Windows (what Thai Excel saves as plain CSV)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in raw[:4096]:
        raise _not_a_list()
    else:
        encodings = ["utf-8-sig", "cp874"]
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("The file is neither UTF-8 nor Thai Windows text. Save it as CSV UTF-8.")
    )


def _delimiter(text):
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max([",", "\t", ";"], key=first.count) if first else ","


def csv_rows(raw, *, max_columns):
    text = _decode(raw)
    if "\x00" in text:
        raise _not_a_list()
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            yield cells[:max_columns]
    except csv.Error:
        raise UnreadableFile(
            _("The CSV file is damaged (a cell too long or a quote never closed).")
        ) from None


def _open_xlsx(raw, formulas):
    # Read-only mode streams the sheet; data_only gives the values Excel last calculated.
    return load_workbook(io.BytesIO(raw), read_only=True, data_only=not formulas)


def xlsx_rows(raw, *, max_columns, max_unpacked_bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise UnreadableFile(_("The Excel file is damaged. Open it and save it again.")) from None
    if unpacked > max_unpacked_bytes:
        raise UnreadableFile(_("The workbook is too large. Keep only the staff list in it."))
    try:
        values, formulas = _open_xlsx(raw, False), _open_xlsx(raw, True)
        sheets = zip(
            values.worksheets[0].iter_rows(min_row=1, max_col=max_columns, values_only=True),
            formulas.worksheets[0].iter_rows(min_row=1, max_col=max_columns, values_only=True),
            strict=False,
        )
        for row, formula_row in sheets:
            # A formula never calculated (a file made by a program, not by Excel) has no
            # value: keep its text so the row is refused with the reason, not left blank.
            yield [
                f if v is None and isinstance(f, str) and f.startswith("=") else v
                for v, f in zip(row, formula_row, strict=False)
            ]
    except UnreadableFile:
        raise
    except Exception:
        # openpyxl raises many kinds of errors for damaged or foreign files (.ods, .numbers,
        # a renamed zip); each deserves the same answer, never a server error.
        raise _not_a_list() from None
