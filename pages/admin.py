from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "show_in_footer", "updated_at"]
    search_fields = ["title", "title_en", "body", "body_en"]
