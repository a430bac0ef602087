"""The public feed's filters (django-filter), all kept in the URL so a view can be shared.

Years are typed and shown in the Buddhist era (2569); the database holds Common-Era dates.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import REGION_COUNT, Agency, Province
from jitarsa.thaidate import BE_OFFSET, month_name

from .models import Activity, ActivityType

FIRST_YEAR = 2015  # the programme began in 2559 BE


def year_choices():
    this_year = timezone.localdate().year
    return [(y + BE_OFFSET, y + BE_OFFSET) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]


def month_choices():
    return [(m, month_name(m)) for m in range(1, 13)]


def region_choices():
    return [(r, _("Region %(number)s") % {"number": r}) for r in range(1, REGION_COUNT + 1)]


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=100)
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.active().only("pk", "slug", "name", "name_en"),
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All agencies"),
    )
    group = django_filters.ChoiceFilter(
        label=_("Organisation group"),
        field_name="agency__group",
        choices=Agency.Group.choices,
        empty_label=_("All groups"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Education region"),
        field_name="province__region",
        choices=region_choices,
        empty_label=_("All regions"),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        queryset=Province.objects.only("pk", "slug", "name", "name_en"),
        to_field_name="slug",
        empty_label=_("All provinces"),
    )
    type = django_filters.ModelChoiceFilter(
        label=_("Activity type"),
        field_name="activity_type",
        queryset=ActivityType.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label=_("All types"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=year_choices,
        method="filter_year",
        empty_label=_("All years"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Month"),
        field_name="start_date__month",
        choices=month_choices,
        empty_label=_("All months"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="start_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="start_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Activity
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        slug = data.get("agency") if data else None
        if slug and not Agency.objects.active().filter(slug=slug).exists():
            # A shared link to an agency merged into another shows the one it joined.
            successor = Agency.objects.successor_of(slug)
            if successor is not None and successor.is_active:
                data = data.copy()
                data["agency"] = successor.slug
        super().__init__(data, *args, **kwargs)
        for form_field in self.form.fields.values():
            css = "form-select" if isinstance(form_field.widget, forms.Select) else "form-control"
            form_field.widget.attrs.setdefault("class", css)
        self.form.fields["q"].widget.input_type = "search"
        self.form.fields["q"].widget.attrs["aria-describedby"] = "q-help"

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_agency(self, queryset, name, agency):
        return queryset.involving(agency)

    def filter_year(self, queryset, name, year):
        return queryset.filter(start_date__year=int(year) - BE_OFFSET)

    @property
    def active_filters(self):
        """The filters in use, for the result summary (ignores invalid ones)."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        return [n for n, v in self.form.cleaned_data.items() if v not in (None, "", [])]
