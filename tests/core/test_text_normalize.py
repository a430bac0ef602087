import pytest

from core.text import normalize, slugify_thai


@pytest.mark.parametrize(
    "pasted, stored",
    [
        ("ปลูกป่า\x0bชายเลน", "ปลูกป่า\nชายเลน"),  # Word's Shift+Enter
        ("บรรทัด\r\nใหม่\rอีก", "บรรทัด\nใหม่\nอีก"),  # Windows and old Mac line ends
        ("ย่อหน้า\u2029ถัดไป\u2028บรรทัด\x0cหน้า", "ย่อหน้า\nถัดไป\nบรรทัด\nหน้า"),
        ("\x01=HYPERLINK(1)", "=HYPERLINK(1)"),
        ("a\x00b\x1fc\x7fd\x9be", "abcde"),
        ("ปลูก\u200bต้นไม้", "ปลูกต้นไม้"),  # a zero-width space splits the word for search
        ("soft\xadhyphen", "softhyphen"),
        ("\ufeffBOM first", "BOM first"),
        ("evil\u202egnp.exe", "evilgnp.exe"),
        ("non\xa0breaking", "non breaking"),
        ("\u200dedge joiners\u200c", "edge joiners"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),
    ],
)
def test_pasted_text_is_stored_clean(pasted, stored):
    assert normalize(pasted) == stored


def test_thai_is_composed_the_same_way_whatever_was_typed():
    decomposed = "\u0e19\u0e4d\u0e32"  # นํา typed as nikhahit + sara aa
    assert normalize(decomposed) == "\u0e19\u0e33"  # นำ


def test_tabs_and_paragraphs_survive_in_multiline_text():
    assert normalize("  หัวข้อ\t1  \n\nย่อหน้า  ") == "หัวข้อ\t1\n\nย่อหน้า"


def test_single_line_text_folds_breaks_and_runs_of_space():
    assert normalize(" ชื่อ\nกิจกรรม \t ที่\x0bหนึ่ง ", multiline=False) == "ชื่อ กิจกรรม ที่ หนึ่ง"


def test_values_other_than_text_pass_through():
    assert normalize(None) is None
    assert normalize(12) == 12


def test_sara_am_typed_with_the_tone_mark_between_is_composed():
    assert normalize("\u0e19\u0e4d\u0e49\u0e32") == "น้ำ"


def test_joiners_and_spaces_at_the_ends_go_together_so_cleaning_twice_changes_nothing():
    once = normalize("\u200d \u200d ข้อความ \u200c\n")
    assert once == "ข้อความ"
    assert normalize(once) == once


def test_a_posts_address_keeps_thai_vowels_and_tone_marks():
    assert slugify_thai("อบรมผู้ปฏิบัติงานเว็บไซต์จิตอาสา") == "อบรมผู้ปฏิบัติงานเว็บไซต์จิตอาสา"
