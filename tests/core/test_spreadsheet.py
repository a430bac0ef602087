import pytest

from core.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_is_kept_as_text(text):
    assert safe_cell(text) == "'" + text.lstrip()


def test_ordinary_text_and_numbers_are_unchanged():
    assert safe_row(["ปลูกป่า", -5, 3.5, "a=b"]) == ["ปลูกป่า", -5, 3.5, "a=b"]


@pytest.mark.parametrize("text", ["\x01=HYPERLINK(1)", "\u200b@SUM(A1)", " \x0b+1", "\ufeff-2"])
def test_a_formula_behind_invisible_characters_is_cleaned_then_kept_as_text(text):
    assert safe_cell(text) == "'" + text.strip(" \x01\x0b\u200b\ufeff")


def test_control_characters_never_reach_a_cell():
    assert safe_cell("ปลูก\x01ป่า\x1b") == "ปลูกป่า"
