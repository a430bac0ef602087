"""Form pieces used across the site: the Buddhist-era date input."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import thaidate
from core.language import is_english


class ThaiDateWidget(forms.MultiWidget):
    """Day, month by name and year, as Thai people write a date (21 กรกฎาคม 2565).

    Three plain inputs in a fieldset (the pattern found easiest to use with a keyboard, a
    screen reader and a phone's number pad), shown in the Buddhist era in Thai. A single
    value under the field's own name is read too: what a browser's date field, an older
    page or a script sends ("2565-07-21", "21/07/2565"). static/js/thaidate.js echoes the
    date it understood in words and splits a whole date typed or pasted into the day box.
    """

    template_name = "widgets/thai_date.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "autocomplete": "off", "class": "form-control"}
        widgets = {
            "day": forms.TextInput(attrs={**number, "size": 2, "maxlength": 12}),
            "month": forms.Select(attrs={"class": "form-select"}),
            "year": forms.TextInput(attrs={**number, "size": 4, "maxlength": 4}),
        }
        super().__init__(widgets, attrs)
        self.bounds = None  # (earliest, latest) dates, for the echo's warnings

    def decompress(self, value):
        if isinstance(value, str):
            value = thaidate.parse_date(value) or value
        if isinstance(value, datetime.date):
            year = thaidate.be_year(value.year) if not is_english() else value.year
            return [str(value.day), str(value.month), str(year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return data.get(name)
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        months = [("", "–")] + [(str(n), thaidate.month_name(n)) for n in range(1, 13)]
        self.widgets[1].choices = months
        context = super().get_context(name, value, attrs)
        day, month, year = context["widget"]["subwidgets"]
        day["label"], month["label"] = _("Day"), _("Month")
        year["label"] = _("Year (B.E.)") if not is_english() else _("Year")
        shown = self.decompress(value) if not isinstance(value, (list, tuple)) else value
        understood = _date_of(shown)
        echo_id = f"{context['widget']['attrs'].get('id', name)}_echo"
        for part in (day, month, year):
            part["attrs"]["aria-describedby"] = echo_id
        context["widget"].update(
            {
                "echo": thaidate.format_date(understood) if understood else "",
                "echo_id": echo_id,
                "short_months": "|".join(thaidate.month_name(n, short=True) for n in range(1, 13)),
                "bounds": [d.isoformat() for d in self.bounds] if self.bounds else None,
            }
        )
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


def _date_of(parts):
    if isinstance(parts, (list, tuple)) and len(parts) == 3 and all(parts):
        day, month, year = parts
        return thaidate.make_date(year, month, day)
    return None


class ThaiDateField(forms.Field):
    """A date typed in the Buddhist or the Common era; a year from 2400 up is Buddhist."""

    widget = ThaiDateWidget
    default_error_messages = {
        "invalid": _("This date does not exist: check the day, the month and the year."),
        "incomplete": _("Enter the day, the month and the year."),
    }

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, (list, tuple)):
            if not any(value):
                return None
            if not all(value):
                raise ValidationError(self.error_messages["incomplete"], code="incomplete")
            found = _date_of(value)
        elif value in self.empty_values:
            return None
        else:
            found = thaidate.parse_date(value)
        if found is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return found
