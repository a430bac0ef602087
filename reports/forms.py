from django import forms
from django.utils.translation import gettext_lazy as _

from core import thaidate

from . import periods


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    """Only draws the choice; `periods.from_query` reads it (and forgives bad input)."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (periods.MONTH, _("Month")),
            (periods.QUARTER, _("Quarter of the fiscal year")),
            (periods.FISCAL_YEAR, _("Fiscal year (1 October – 30 September)")),
            (periods.RANGE, _("Dates from–to")),
        ],
        widget=forms.RadioSelect,
    )
    year = forms.IntegerField(label=_("Year (Buddhist era)"), min_value=2543, max_value=2743)
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[])
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(n, n) for n in range(1, 5)]
    )
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)

    def __init__(self, period, params):
        year = period.end.year
        initial = {
            "period": periods.MONTH,
            "year": thaidate.be_year(period.fiscal_year if "period" in params else year),
            "month": period.start.month,
            "quarter": 1,
            "start": period.start,
            "end": period.end,
        }
        if "period" in params:
            initial.update({k: v for k, v in params.items() if k in self.base_fields and v})
        super().__init__(initial=initial)
        self.fields["month"].choices = [(m, thaidate.month_name(m)) for m in range(1, 13)]
