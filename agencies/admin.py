from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import thaidate

from . import history
from .forms import CHANGE_FORMS
from .history import ChangeRefused
from .models import Agency, AgencyChange, FormerName, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "name_en", "slug"]
    ordering = ["name"]


class ReadOnlyInline(admin.TabularInline):
    """History shown on the agency's page: written only by `agencies.history`."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.admin_site.get_model_admin(Agency).has_view_permission(request, obj)


class FormerNameInline(ReadOnlyInline):
    model = FormerName
    fk_name = "agency"
    fields = ["text", "form", "replaced_on_shown", "merged_from"]

    @admin.display(description=_("replaced on"))
    def replaced_on_shown(self, name):
        return thaidate.format_date(name.replaced_on)


class AgencyChangeInline(ReadOnlyInline):
    model = AgencyChange
    fk_name = "agency"
    fields = ["kind", "effective_on_shown", "summary", "note", "changed_by", "changed_at_shown"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("other", "changed_by")

    @admin.display(description=_("what changed"))
    def summary(self, change):
        return change.summary()

    @admin.display(description=_("effective from"))
    def effective_on_shown(self, change):
        return thaidate.format_date(change.effective_on)

    @admin.display(description=_("recorded"))
    def changed_at_shown(self, change):
        return thaidate.format_datetime(change.changed_at, short=True)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """The directory. Names, place and status change only through the forms that keep the
    history (rename, move, merge, retire: `agencies.history`); the slug never changes."""

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
    search_fields = ["name", "name_en", "abbreviation", "slug", "former_names__text"]
    autocomplete_fields = ["parent", "province"]
    list_select_related = ["province"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "name_en", "abbreviation", "slug"]}),
        (None, {"fields": ["kind", "group", "parent", "region", "province"]}),
        (None, {"fields": ["email", "phone", "website"]}),
        (None, {"fields": ["is_active", "retired_on", "merged_into", "order"]}),
    ]
    inlines = [FormerNameInline, AgencyChangeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["retire_selected", "reactivate_selected"]
    change_form_template = "admin/agencies/agency/change_form.html"
    HISTORY_KEPT = ["name", "name_en", "abbreviation", "slug", "kind", "group", "parent"]

    def get_readonly_fields(self, request, obj=None):
        kept = self.HISTORY_KEPT + ["is_active"] if obj else ["is_active"]
        return [*kept, "retired_on", "merged_into"]

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj else []

    def has_delete_permission(self, request, obj=None):
        # Agencies are deactivated, never deleted: their posts and history must stay attributable.
        return False

    def get_urls(self):
        return [
            path(
                f"<path:object_id>/{change}/",
                self.admin_site.admin_view(self.directory_change_view),
                {"change": change},
                name=f"agencies_agency_{change}",
            )
            for change in CHANGE_FORMS
        ] + super().get_urls()

    def directory_change_view(self, request, object_id, change):
        agency = self.get_object(request, unquote(object_id))
        if agency is None:
            raise Http404
        if not self.has_change_permission(request, agency):
            raise PermissionDenied
        form = CHANGE_FORMS[change](agency, request.POST or None)
        if form.is_valid():
            try:
                form.save(by=request.user)
            except ChangeRefused as refusal:
                form.add_error(None, refusal)
            else:
                self.log_change(request, agency, str(form.title))
                self.message_user(request, _("Saved: %(change)s.") % {"change": form.title})
                return redirect(reverse("admin:agencies_agency_change", args=[agency.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"{form.title}: {agency.name}",
            "form": form,
            "agency": agency,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/agencies/agency/directory_change.html", context)

    @admin.action(
        description=_("Retire the selected agencies (from today)"), permissions=["change"]
    )
    def retire_selected(self, request, queryset):
        today = timezone.localdate()
        self._each(request, queryset, history.retire, AgencyChange.Kind.RETIRED, effective_on=today)

    @admin.action(description=_("Reactivate the selected agencies"), permissions=["change"])
    def reactivate_selected(self, request, queryset):
        self._each(request, queryset, history.reactivate, AgencyChange.Kind.REACTIVATED)

    def _each(self, request, queryset, change, kind, **arguments):
        done = 0
        for agency in queryset:
            try:
                change(agency, by=request.user, **arguments)
            except ChangeRefused as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.WARNING)
            else:
                self.log_change(
                    request, agency, str(AgencyChange.Kind(change.__name__ + "d").label)
                )
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("Changed %(count)d agency.", "Changed %(count)d agencies.", done)
                % {"count": done},
                messages.SUCCESS,
            )
