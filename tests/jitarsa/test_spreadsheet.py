import pytest

from jitarsa.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_is_kept_as_text(text):
    assert safe_cell(text) == "'" + text


def test_ordinary_text_and_numbers_are_unchanged():
    assert safe_row(["ปลูกป่า", -5, 3.5, "a=b"]) == ["ปลูกป่า", -5, 3.5, "a=b"]
