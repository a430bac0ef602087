"""Cells for CSV/Excel exports that a spreadsheet program never runs as formulas."""

# Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula
# (CSV injection: =HYPERLINK(...), =cmd|...). Numbers are never changed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe, which shows it as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]
