from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_q import admin as q_admin
from django_q.models import Schedule

from core import thaidate

from . import reminders
from .models import ReminderSent, ReminderSettings


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = [
        "sent_at_shown",
        "agency",
        "period_start",
        "period_end",
        "kind",
        "channel",
        "status",
        "recipients",
        "sent_by",
        "error",
    ]
    list_filter = ["status", "kind", "channel", "period_start"]
    list_select_related = ["agency", "sent_by"]
    search_fields = ["agency__name", "agency__abbreviation"]
    date_hierarchy = "sent_at"
    readonly_fields = [
        "sent_at",
        "updated_at",
        "sent_by",
        "agency",
        "period_start",
        "period_end",
        "kind",
        "channel",
        "status",
        "recipients",
        "delivered_to",
        "attempts",
        "error",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sent"), ordering="sent_at")
    def sent_at_shown(self, reminder):
        return thaidate.format_datetime(reminder.sent_at, short=True)


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    fields = ["is_active", "days_before_month_end", "days_after_month_end", "schedule"]
    readonly_fields = ["schedule"]

    def has_add_permission(self, request):
        return not ReminderSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list would be a page with one link on it.
        settings = ReminderSettings.current()
        return self.change_view(request, str(settings.pk), extra_context=extra_context)

    @admin.display(description=_("when the job runs"))
    def schedule(self, settings):
        job = Schedule.objects.filter(func=reminders.SCHEDULED_FUNCTION).first()
        if job is None:
            return _("No schedule: reminders are not sent. Add one for %(func)s.") % {
                "func": reminders.SCHEDULED_FUNCTION
            }
        return format_html(
            '{} · {} <a href="{}">{}</a>',
            job.get_schedule_type_display(),
            _("next run %(when)s") % {"when": thaidate.format_datetime(job.next_run)},
            reverse("admin:django_q_schedule_change", args=[job.pk]),
            _("change"),
        )


class ScheduleAdmin(q_admin.ScheduleAdmin):
    """Coordinators may change when a job runs, never what it runs (that would run code)."""

    CODE_FIELDS = ["func", "hook", "args", "kwargs", "cluster", "intended_date_kwarg"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else fields + self.CODE_FIELDS

    def has_add_permission(self, request):
        return request.user.is_superuser


admin.site.unregister(Schedule)
admin.site.register(Schedule, ScheduleAdmin)
