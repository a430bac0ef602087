"""Reading staff lists: every broken file gets a Thai message, never an exception."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from accounts import staff_file
from accounts.staff_file import UnreadableFile
from agencies.models import Agency

HEADING = ["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "หน่วยงาน", "บทบาท"]


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values(raw, name="staff.xlsx"):
    return [line.values for line in staff_file.read(raw, name)]


def refusal(raw, name="staff.csv"):
    with pytest.raises(UnreadableFile) as error:
        staff_file.read(raw, name)
    return str(error.value)


def test_reads_an_xlsx_with_thai_headings():
    raw = xlsx([HEADING, ["somchai", "สมชาย ใจดี", "s@moe.go.th", "ศธจ.เชียงใหม่", ""]])
    assert values(raw) == [
        {
            "username": "somchai",
            "full_name": "สมชาย ใจดี",
            "email": "s@moe.go.th",
            "agencies": "ศธจ.เชียงใหม่",
            "role": "",
        }
    ]


def test_columns_follow_the_headings_and_extra_columns_are_ignored():
    raw = xlsx([["ลำดับ", "อีเมล", "หน่วยงาน", "ชื่อผู้ใช้"], [1, "s@moe.go.th", "สป.", "somchai"]])
    (row,) = values(raw)
    assert (row["username"], row["email"], row["agencies"], row["full_name"]) == (
        "somchai",
        "s@moe.go.th",
        "สป.",
        "",
    )


def test_english_headings_are_recognised():
    raw = b"E-mail,Username,Agencies\ns@moe.go.th,somchai,obec\n"
    (row,) = values(raw, "staff.csv")
    assert (row["username"], row["agencies"]) == ("somchai", "obec")


def test_heading_row_without_an_email_column_is_refused():
    message = refusal(xlsx([["ชื่อผู้ใช้", "หน่วยงาน"], ["somchai", "สป."]]), "staff.xlsx")
    assert message == "แถวหัวตารางไม่มีคอลัมน์: อีเมล"


def test_without_headings_the_first_five_columns_are_read_in_order():
    (row,) = values(b"somchai,\xe0\xb8\xaa,s@moe.go.th,obec,staff\n", "staff.csv")
    assert (row["username"], row["full_name"], row["role"]) == ("somchai", "ส", "staff")


def test_row_numbers_are_those_the_spreadsheet_shows():
    raw = xlsx([HEADING, [], ["a", "", "a@moe.go.th", "สป."], [], ["b", "", "b@moe.go.th", "สป."]])
    assert [line.number for line in staff_file.read(raw, "x.xlsx")] == [3, 5]


def test_pasted_text_is_cleaned():
    raw = xlsx([HEADING, ["\u200bsomchai\u00a0", "สมชาย\u00a0 ใจดี", "s@moe.go.th", "สป.", ""]])
    (row,) = values(raw)
    assert (row["username"], row["full_name"]) == ("somchai", "สมชาย ใจดี")


def test_line_breaks_inside_the_agency_cell_are_kept_as_separators():
    raw = xlsx([HEADING, ["somchai", "", "s@moe.go.th", "ศธจ.เชียงใหม่\r\nศธภ.15", ""]])
    assert values(raw)[0]["agencies"] == "ศธจ.เชียงใหม่\nศธภ.15"


def test_a_number_typed_as_username_loses_excel_decimal():
    raw = xlsx([HEADING, [12345.0, "", "s@moe.go.th", "สป.", ""]])
    assert values(raw)[0]["username"] == "12345"


def test_a_formula_never_calculated_is_read_as_its_text():
    raw = xlsx([HEADING, ["somchai", '=A2&"x"', "s@moe.go.th", "สป.", ""]])
    assert values(raw)[0]["full_name"] == '=A2&"x"'


def test_thai_windows_csv_is_read():
    text = "ชื่อผู้ใช้,ชื่อ-นามสกุล,อีเมล,หน่วยงาน\nsomchai,สมชาย,s@moe.go.th,สป.\n"
    assert values(text.encode("cp874"), "staff.csv")[0]["full_name"] == "สมชาย"


def test_excel_unicode_text_is_read():
    text = "ชื่อผู้ใช้\tอีเมล\tหน่วยงาน\r\nsomchai\ts@moe.go.th\tศธจ.เชียงใหม่; สป.\r\n"
    row = values(text.encode("utf-16"), "staff.txt")[0]
    assert row["agencies"] == "ศธจ.เชียงใหม่; สป."


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "ไฟล์ว่างเปล่า"),
        (b"\r\n \r\n", "ไฟล์ว่างเปล่า"),
        ("ชื่อผู้ใช้,อีเมล,หน่วยงาน\n".encode(), "ไม่พบรายชื่อเจ้าหน้าที่ในไฟล์"),
        (b"%PDF-1.7\n\x00\x01\x02binary", "ไม่ใช่ตารางที่ระบบอ่านได้"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ไม่ใช่ตารางที่ระบบอ่านได้"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel รุ่นเก่า (.xls)"),
        (b"PK\x03\x04 not really a zip", "ไฟล์ Excel เสียหาย"),
        (b"somchai,\xdb\xdc\xdd\xde\n", "ไม่ใช่ข้อความแบบ UTF-8"),
        (b'somchai,"never closed\n' + b"x" * 200_000, "ไฟล์ CSV เสียหาย"),
    ],
    ids=["empty", "blank", "heading only", "pdf", "png", "xls", "broken zip", "encoding", "quote"],
)
def test_broken_file_gets_a_thai_message(raw, message):
    assert message in refusal(raw)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # e.g. a LibreOffice .ods
    assert "ไม่ใช่ตารางที่ระบบอ่านได้" in refusal(out.getvalue(), "staff.ods")


def test_a_workbook_unpacking_to_too_much_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(staff_file, "MAX_UNPACKED_BYTES", 10_000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 10_001)
    assert "ใหญ่เกินไป" in refusal(out.getvalue(), "bomb.xlsx")


def test_a_file_over_the_size_limit_is_refused():
    assert "ใหญ่เกิน 2 MB" in refusal(b"a,b,c\n" * (staff_file.MAX_BYTES // 6 + 1))


def test_ten_thousand_rows_are_refused_with_the_limit():
    rows = "".join(f"user{n},,u{n}@moe.go.th,สป.\n" for n in range(10_000))
    assert refusal(rows.encode()) == "ไฟล์มีมากกว่า 2,000 แถว โปรดแบ่งเป็นหลายไฟล์"


def test_a_file_of_exactly_the_limit_is_read():
    rows = "".join(f"user{n},,u{n}@moe.go.th,สป.\n" for n in range(staff_file.MAX_ROWS))
    assert len(staff_file.read(rows.encode(), "x.csv")) == staff_file.MAX_ROWS


@pytest.fixture
def template(db):
    book = load_workbook(io.BytesIO(staff_file.template(Agency.objects.active())))
    return book


def test_template_has_thai_headings_and_an_example_row(template):
    sheet = template.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADING
    assert sheet["A2"].value == staff_file.EXAMPLE["username"]
    assert sheet["D2"].value == "ศธจ.กรุงเทพมหานคร"


def test_template_lists_every_active_agency_on_a_second_sheet(template):
    listing = template.worksheets[1]
    assert listing.title == "หน่วยงาน"
    abbreviations = [row[0] for row in listing.iter_rows(min_row=2, values_only=True)]
    assert len(abbreviations) == Agency.objects.active().count()
    assert "สกร." in abbreviations


def test_title_rows_above_the_heading_are_skipped():
    raw = xlsx(
        [
            ["รายชื่อเจ้าหน้าที่ ศธจ.เชียงใหม่"],
            ["ปีงบประมาณ 2569"],
            HEADING,
            ["somchai", "", "s@moe.go.th", "สป.", ""],
        ]
    )
    assert [(line.number, line.values["username"]) for line in staff_file.read(raw, "x.xlsx")] == [
        (4, "somchai")
    ]
