"""The Buddhist-era date input: three parts in, a date out; the date echoed back in words."""

import datetime

import pytest
from django import forms

from core.forms import ThaiDateField


class DateForm(forms.Form):
    day = ThaiDateField(label="วันที่")


def parts(day, month, year):
    return {"day_day": day, "day_month": month, "day_year": year}


def test_day_month_and_buddhist_year_make_a_date():
    form = DateForm(parts("21", "7", "2565"))
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2022, 7, 21)


def test_a_common_era_year_in_the_year_box_is_understood_too():
    form = DateForm(parts("21", "7", "2022"))
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2022, 7, 21)


def test_a_whole_date_from_a_native_date_field_is_read():
    form = DateForm({"day": "2565-07-21"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2022, 7, 21)


def test_a_missing_part_is_refused_in_thai():
    form = DateForm(parts("21", "", "2565"))
    assert not form.is_valid()
    assert form.errors["day"] == ["กรอกให้ครบทั้งวัน เดือน และปี"]


def test_a_day_that_does_not_exist_is_refused_in_thai():
    form = DateForm(parts("31", "4", "2565"))
    assert not form.is_valid()
    assert "ไม่มีวันที่นี้ในปฏิทิน" in form.errors["day"][0]


def test_a_stored_date_is_shown_in_the_buddhist_era_with_month_names():
    html = str(DateForm(initial={"day": datetime.date(2022, 7, 21)})["day"])
    assert 'name="day_year" value="2565"' in html
    assert '<option value="7" selected>กรกฎาคม</option>' in html
    assert "ระบบเข้าใจว่า: <strong>21 กรกฎาคม 2565</strong>" in html


def test_what_was_typed_comes_back_after_an_error():
    html = str(DateForm(parts("31", "4", "2565"))["day"])
    assert 'value="31"' in html
    assert 'value="2565"' in html


@pytest.mark.parametrize("label", ["วัน", "เดือน", "ปี พ.ศ."])
def test_each_part_has_its_own_label(label):
    html = str(DateForm()["day"])
    assert f">{label}</label>" in html


@pytest.mark.parametrize("month", ["²", "๑๓", "0", "ธันวา"])
def test_a_month_that_is_not_one_is_refused_not_a_crash(month):
    assert not DateForm(parts("21", month, "2565")).is_valid()
