"""The staff list as a file: read from CSV or XLSX into rows of text, and the XLSX template.

Columns: username, full name, e-mail, agencies (several separated by ; , | or a line break
inside the cell), role. A heading row, in Thai or English, may put them in any order and
add columns of its own (ลำดับ, ตำแหน่ง, …), which are ignored; without one the first five
columns are read in that order.

Anything that is not a readable staff list raises `UnreadableFile` with a message for the
person who uploaded it: this module never lets a broken file become a server error.
"""

import io
import itertools
import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core.spreadsheet import safe_cell
from core.text import normalize

from .sheet_rows import UnreadableFile, csv_rows, xlsx_rows

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 30
# A small XLSX can unpack to gigabytes of XML (a "zip bomb"): refuse before parsing.
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
HEADING_WITHIN = 5  # the heading row is looked for among the first non-blank rows

COLUMNS = ["username", "full_name", "email", "agencies", "role"]
REQUIRED = ["username", "email", "agencies"]
HEADINGS = {
    "username": gettext_lazy("Username"),
    "full_name": gettext_lazy("Full name"),
    "email": gettext_lazy("E-mail"),
    "agencies": gettext_lazy("Agencies"),
    "role": gettext_lazy("Role"),
}
# Other headings people give these columns in their own lists.
HEADING_ALIASES = {
    "username": ["user", "login", "ชื่อผู้ใช้งาน", "ชื่อบัญชี", "บัญชีผู้ใช้"],
    "full_name": ["name", "ชื่อนามสกุล", "ชื่อสกุล", "ชื่อ", "ชื่อและนามสกุล"],
    "email": ["email", "e-mail address", "อีเมล์", "อีเมลล์", "e-mail"],
    "agencies": ["agency", "สังกัด", "หน่วยงานที่สังกัด", "ชื่อหน่วยงาน"],
    "role": ["บทบาท", "สิทธิ์"],
}
EXAMPLE = {
    "username": "example.somchai",
    "full_name": "สมชาย ใจดี",
    "email": "somchai@example.com",
    "role": "เจ้าหน้าที่หน่วยงาน",
}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Line:
    number: int  # the row number a spreadsheet program shows
    values: dict  # column name → cleaned text ("" when absent)


def read(raw, filename=""):
    """The file's staff rows (blank rows and the heading left out)."""
    if not raw or not raw.strip():
        raise UnreadableFile(_("The file is empty."))
    if len(raw) > MAX_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(size)d MB. Split the list into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if raw.startswith(b"PK\x03\x04"):
        rows = xlsx_rows(raw, max_columns=MAX_COLUMNS, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _(
                "This is an old Excel file (.xls) or a password-protected workbook. Save it "
                "as Excel Workbook (.xlsx) without a password, or as CSV UTF-8."
            )
        )
    else:
        rows = csv_rows(raw, max_columns=MAX_COLUMNS)
    return _lines(rows)


def _text(value, column=None):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 12345 as 12345.0
    return normalize(str(value), multiline=column == "agencies")


def heading_key(text):
    """Headings compare without case, spaces, dashes, stars and notes in brackets."""
    text = re.sub(r"\(.*?\)", "", _text(text).casefold())
    return re.sub(r"[\s\-_*.:]+", "", text)


def _heading_index():
    index = {}
    for column, label in HEADINGS.items():
        for lang in ("th", "en"):
            with translation.override(lang):
                index[heading_key(str(label))] = column
        for alias in HEADING_ALIASES[column]:
            index[heading_key(alias)] = column
    return index


def _columns_of(cells):
    """{column name: position} when `cells` is a heading row, else None."""
    index, found = _heading_index(), {}
    for position, cell in enumerate(cells):
        column = index.get(heading_key(cell))
        if column and column not in found:
            found[column] = position
    if len(found) < 2:
        return None
    missing = [str(HEADINGS[c]) for c in REQUIRED if c not in found]
    if missing:
        raise UnreadableFile(
            _("The heading row has no column for: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return found


def _lines(rows):
    numbered = ((n, cells) for n, cells in enumerate(rows, start=1) if any(_text(c) for c in cells))
    # The heading may sit under a title or two ("รายชื่อเจ้าหน้าที่ ศธจ.เชียงใหม่").
    head, positions = [], None
    for number, cells in numbered:
        positions = _columns_of(cells)
        if positions is not None:
            head = []  # the title rows above it are not people
            break
        head.append((number, cells))
        if len(head) == HEADING_WITHIN:
            break
    where = positions or {c: i for i, c in enumerate(COLUMNS)}
    lines = []
    for number, cells in itertools.chain(head, numbered):
        if len(lines) == MAX_ROWS:
            raise UnreadableFile(
                _("The file has more than %(count)s rows. Split it into smaller files.")
                % {"count": f"{MAX_ROWS:,}"}
            )
        values = {
            column: _text(cells[i], column) if i < len(cells) else "" for column, i in where.items()
        }
        lines.append(Line(number, {c: values.get(c, "") for c in COLUMNS}))
    if not lines:
        raise UnreadableFile(_("The file has no staff rows, only empty lines or a heading."))
    return lines


def template(agencies):
    """The XLSX to fill in: Thai headings, one example row, the agencies on a second sheet."""
    with translation.override("th"):
        return _template(list(agencies))


def _template(agencies):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Staff")
    notes = {
        "username": _("Letters, digits and @ . + - _ only; used to sign in."),
        "full_name": _("First name and surname, separated by a space."),
        "email": _("The invitation to choose a password is sent here."),
        "agencies": _(
            "Abbreviation or full name as on the sheet “Agencies”; several separated by ;"
        ),
        "role": _("Agency staff (leave empty) or coordinator."),
    }
    sheet.append([str(HEADINGS[c]) for c in COLUMNS])
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.comment = Comment(notes[column], "Jitarsa")
    sample = next(
        (a for a in agencies if a.kind == "provincial"), agencies[0] if agencies else None
    )
    example = (sample.abbreviation or sample.name) if sample else ""
    sheet.append([safe_cell(v) for v in (*list(EXAMPLE.values())[:3], example, EXAMPLE["role"])])
    for letter, width in zip("ABCDE", [22, 28, 32, 40, 22], strict=True):
        sheet.column_dimensions[letter].width = width
        # Text cells: Excel must not turn 0812 into 812 or a date-like name into a date.
        sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    roles = DataValidation(
        type="list",
        formula1='"เจ้าหน้าที่หน่วยงาน,ผู้ประสานงาน"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
    )
    sheet.add_data_validation(roles)
    roles.add(f"E2:E{MAX_ROWS + 1}")

    listing = book.create_sheet(_("Agencies"))
    listing.append([_("Abbreviation"), _("Full name"), _("English name"), _("Code")])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for agency in agencies:
        listing.append(
            [
                safe_cell(agency.abbreviation),
                safe_cell(agency.name),
                safe_cell(agency.name_en),
                agency.slug,
            ]
        )
    for letter, width in zip("ABCD", [24, 60, 60, 28], strict=True):
        listing.column_dimensions[letter].width = width
    listing.freeze_panes = "A2"
    # A drop-down of abbreviations that still accepts any text (several agencies in a cell).
    choose = DataValidation(type="list", formula1=f"='{listing.title}'!$A$2:$A${len(agencies) + 1}")
    choose.showErrorMessage = False
    sheet.add_data_validation(choose)
    choose.add(f"D2:D{MAX_ROWS + 1}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
