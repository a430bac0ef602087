"""The list of activity types (their order and whether new posts may use them)."""

from django.contrib import admin

from ..models import ActivityType


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "name_en"]

    def has_delete_permission(self, request, obj=None):
        return False
