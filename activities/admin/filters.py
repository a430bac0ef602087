"""The review queue's filters: status (opens on the posts waiting), month, and the checks."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import thaidate

from .. import evidence
from ..workflow import Status

ALL = "all"
ARCHIVED = "archived"


class StatusFilter(admin.SimpleListFilter):
    """Opens on the posts waiting for review; "all" and "archived" are choices too."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            *Status.choices,
            (ARCHIVED, _("archived")),
            (ALL, _("all")),
        ]

    def value(self):
        return super().value() or Status.SUBMITTED

    def queryset(self, request, queryset):
        value = self.value()
        if value == ALL:
            return queryset
        if value == ARCHIVED:
            return queryset.filter(archived_at__isnull=False)
        return queryset.filter(status=value, archived_at__isnull=True)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class MonthFilter(admin.SimpleListFilter):
    """The activity month, the last 18 months, labelled in the Buddhist era."""

    title = _("month")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        months = []
        year, month = today.year, today.month
        for _step in range(18):
            months.append((f"{year}-{month:02d}", thaidate.format_month(year, month)))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months

    def queryset(self, request, queryset):
        try:
            year, month = (int(part) for part in (self.value() or "").split("-"))
        except ValueError:
            return queryset
        return queryset.filter(start_date__year=year, start_date__month=month)


class EvidenceFilter(admin.SimpleListFilter):
    """The reviewer's checks (activities/evidence/): posts failing the one chosen."""

    title = _("checks")
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [(code, check[0]) for code, check in evidence.CHECKS.items()]

    def queryset(self, request, queryset):
        if self.value() not in evidence.CHECKS:
            return queryset
        return evidence.flagged(queryset, self.value())
