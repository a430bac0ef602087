from django.contrib import admin

from .models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "sent_by", "period_start", "period_end", "recipients"]
    list_select_related = ["sent_by"]
    readonly_fields = ["sent_at", "sent_by", "period_start", "period_end", "agencies", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
