"""The public feed's filters (django-filter), all kept in the URL so a view can be shared.

Years are typed and shown in the Buddhist era (2569); the database holds Common-Era dates.
The form is drawn by the feed template from `form_fields()`: plain loops over option lists
kept per process, language and content version, because rendering ten Django widgets (two
selects of 104 agencies and 77 provinces) cost more than the page's SQL.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import REGION_COUNT, Agency, Province
from core.forms import ThaiDateField
from core.thaidate import BE_OFFSET, month_name

from . import cache, search
from .models import DEFAULT_ORDER, Activity, ActivityType
from .models.querysets import agency_ids_named

FIRST_YEAR = 2015  # the programme began in 2559 BE


def year_choices():
    this_year = timezone.localdate().year
    return [(y + BE_OFFSET, y + BE_OFFSET) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]


def month_choices():
    return [(m, month_name(m)) for m in range(1, 13)]


def region_choices():
    return [(r, _("Region %(number)s") % {"number": r}) for r in range(1, REGION_COUNT + 1)]


ORDER_CHOICES = [("date", _("Activity date, newest first"))]
DATE_FILTERS = ("year", "month", "date_from", "date_to")
MAX_QUERY_LENGTH = 100


class DateFilter(django_filters.DateFilter):
    """A date in the Common or the Buddhist era: a Thai browser's date box sends what was typed
    (2565-07-21), a picked date comes as 2022-07-21; both mean 21 July 2565."""

    field_class = ThaiDateField


def validate_query(value):
    """What a search may ask for: words a trigram index can narrow, and not too many."""
    words = value.split()
    if len(words) > search.MAX_TERMS:
        raise ValidationError(
            _("Search for at most %(count)d words at a time.") % {"count": search.MAX_TERMS}
        )
    short = [w for w in words if len(w) < search.MIN_TERM_LENGTH]
    if short:
        raise ValidationError(
            _("Each search word needs at least %(count)d letters: %(words)s")
            % {"count": search.MIN_TERM_LENGTH, "words": " ".join(short)}
        )


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_query],
    )
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
        queryset=ActivityType.objects.active(),
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
    date_from = DateFilter(
        label=_("From"),
        field_name="start_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = DateFilter(
        label=_("To"),
        field_name="start_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=ORDER_CHOICES,
        method="keep_order",
        empty_label=_("Newest published first"),
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

    _form_classes = {}

    def get_form_class(self):
        """Built once per process and year (the year list changes on 1 January): making
        its ten fields and their choices every request cost more than the page's SQL.
        The form only checks values; the page draws the selects from options()."""
        year = timezone.localdate().year
        if year not in self._form_classes:
            self._form_classes[year] = super().get_form_class()
        return self._form_classes[year]

    @property
    def order(self):
        """The order of the list (a key of models.ORDERS); the pager applies it, since its
        older/newer links must follow the same order. A list cut by the activity's date is
        ordered by that date: newest-published-first would walk every post published
        since the period ended before reaching it (0.5 s for the year 2566 at 100,000)."""
        if not self.is_bound or not self.form.is_valid():
            return DEFAULT_ORDER
        data = self.form.cleaned_data
        if data.get("sort") or any(data.get(name) for name in DATE_FILTERS):
            return "date"
        return DEFAULT_ORDER

    def keep_order(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value, named=agencies_named(search.terms(value)))

    def filter_agency(self, queryset, name, agency):
        return queryset.involving(agency)

    def filter_year(self, queryset, name, year):
        return queryset.filter(start_date__year=int(year) - BE_OFFSET)

    @property
    def narrows(self):
        """Whether any filter in use leaves posts out (the order does not)."""
        return any(name != "sort" for name in self.active_filters)

    @property
    def active_filters(self):
        """The filters in use, for the result summary (ignores invalid ones)."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        return [n for n, v in self.form.cleaned_data.items() if v not in (None, "", [])]


@dataclass
class FormField:
    name: str
    label: str
    value: str
    options: str | None  # a select's <option>s, the chosen one marked; None for a date
    empty_label: str = ""


_options = {}


def options():
    """Every select's <option> tags for this language, made once per process and language,
    and again when the directory (cache.directory_version) or the year changes."""
    key = (cache.directory_version(), timezone.localdate().year)
    if key not in _options:
        _options.clear()
        _options[key] = {}
    made = _options[key]
    language = get_language()
    if language not in made:
        made[language] = {
            name: [_tags(value, label) for value, label in choices]
            for name, choices in _choice_lists().items()
        }
    return made[language]


def _tags(value, label):
    """(value, the plain <option>, the same option chosen)."""
    plain = format_html('<option value="{}">{}</option>', value, label)
    return str(value), plain, format_html('<option value="{}" selected>{}</option>', value, label)


def _choice_lists():
    names = ("pk", "slug", "name", "name_en")
    return {
        "agency": [(a.slug, a) for a in Agency.objects.active().only(*names)],
        "group": Agency.Group.choices,
        "region": region_choices(),
        "province": [(p.slug, p) for p in Province.objects.only(*names)],
        "type": [(t.slug, t) for t in ActivityType.objects.active()],
        "year": year_choices(),
        "month": month_choices(),
        "sort": ORDER_CHOICES,
    }


def _marked(tags, chosen):
    return mark_safe("".join(marked if value == chosen else plain for value, plain, marked in tags))


def form_fields(filterset):
    """The filters below the search box, in form order, with the values asked for."""
    tags = options()
    fields = []
    for name, field in filterset.form.fields.items():
        if name == "q":
            continue
        chosen = str(filterset.data.get(name, "")) if filterset.is_bound else ""
        if name == "sort" and filterset.order != DEFAULT_ORDER:
            chosen = filterset.order
        select = _marked(tags[name], chosen) if name in tags else None
        empty = str(getattr(field, "empty_label", "") or "")
        fields.append(FormField(name, str(field.label), chosen, select, empty))
    return fields


def agencies_named(terms):
    """{term: ids of the agencies it names} for the feed's search, kept until the directory
    changes (cache.directory_version): a search of eight words asks the directory once."""

    def named():
        return {term: agency_ids_named(term) for term in terms}

    return cache.kept("agencies-named", named, terms, directory=True)
