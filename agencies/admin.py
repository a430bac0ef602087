from django.contrib import admin

from .models import Agency, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "name_en", "slug"]
    ordering = ["name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "abbreviation",
        "slug",
        "kind",
        "group",
        "region",
        "province",
        "is_active",
    ]
    list_filter = ["is_active", "kind", "group", "region", "province"]
    list_editable = ["is_active"]
    search_fields = ["name", "name_en", "abbreviation", "slug"]
    autocomplete_fields = ["parent", "province"]
    list_select_related = ["province"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "name_en", "abbreviation", "slug"]}),
        (None, {"fields": ["kind", "group", "parent", "region", "province"]}),
        (None, {"fields": ["email", "phone", "website"]}),
        (None, {"fields": ["is_active", "order"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Agencies are deactivated, never deleted: their posts and history must stay attributable.
        return False
