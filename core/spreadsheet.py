"""Cells for CSV/Excel exports that a spreadsheet program never runs as formulas."""

from .text import normalize

# Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula
# (CSV injection: =HYPERLINK(...), =cmd|...); a leading tab or line break, which some also
# read that way, never survives the cleaning. Numbers are never changed.
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """Text cleaned (core.text.normalize), then, if it starts like a formula, given a
    leading apostrophe, which shows it as plain text.

    Cleaning comes first: "\\x01=HYPERLINK(…)" passes a check on its first character, and
    once the control character is dropped (XLSX cannot hold it) it is a live formula.
    """
    if not isinstance(value, str):
        return value
    value = normalize(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_row(values):
    """Numbers as numbers, empty cells empty, anything else as safe text (`safe_cell`)."""
    return [
        value if isinstance(value, int | float) or value is None else safe_cell(str(value))
        for value in values
    ]
