"""The coordinators' review desk: the activity changelist is a review queue."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agencies.roles import is_coordinator
from core import thaidate
from core.forms import ThaiDateField

from .. import evidence
from ..forms import AgencyChoices
from ..models import Activity, Photo
from ..workflow import Status
from .columns import evidence_list, thumbnail
from .filters import EvidenceFilter, MonthFilter, StatusFilter
from .inlines import PhotoInline, TransitionInline
from .review import STEPS, ReviewSteps, step_action, steps_for


@admin.register(Activity)
class ActivityAdmin(ReviewSteps, admin.ModelAdmin):
    # Eight narrow columns: the queue fits a 1280 px screen (agency and author share one,
    # so do the submission date and the days waiting).
    list_display = [
        "cover_thumbnail",
        "title",
        "checks",  # children pictured is one of the checks
        "agency_and_author",
        "activity_date",
        "submitted",
        "status_label",
    ]
    list_display_links = ["title"]
    list_filter = [
        StatusFilter,
        "agency__group",
        "agency",
        "activity_type",
        MonthFilter,
        EvidenceFilter,
    ]
    list_select_related = ["agency", "activity_type", "created_by"]
    search_fields = ["title"]  # shows the box; the search itself is Activity.objects.search
    search_help_text = _("Title, story, place, agency or credits; Thai words match inside text.")
    list_per_page = 50
    actions = [
        step_action("publish"),
        "return_to_author",
        *map(step_action, ["unpublish", "feature", "unfeature", "archive", "restore"]),
    ]
    inlines = [PhotoInline, TransitionInline]
    # The admin's date box (calendar and all) reads a Buddhist-era year too: 21/07/2565.
    formfield_overrides = {models.DateField: {"form_class": ThaiDateField}}
    readonly_fields = [
        "status",
        "review_note",
        "is_featured",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
        "archived_at",
        "page_link",
    ]
    fieldsets = [
        (
            _("Review"),
            {"fields": ["status", "page_link", "review_note", "is_featured", "minors_pictured"]},
        ),
        (
            None,
            {
                "fields": [
                    "agency",
                    "partners",
                    "title",
                    "activity_type",
                    ("start_date", "end_date"),
                    ("venue", "province"),
                    ("participants", "volunteer_hours"),
                    "body",
                    ("news_credit", "photo_credit"),
                    "tags",
                    "consent_confirmed",
                ]
            },
        ),
        (
            _("History"),
            {
                "fields": [
                    "created_by",
                    ("created_at", "updated_at"),
                    ("submitted_at", "published_at", "archived_at"),
                ]
            },
        ),
    ]

    # ---- who sees what: ActivityQuerySet decides, the admin asks -------------------
    def get_queryset(self, request):
        qs = super().get_queryset(request).visible_to(request.user, archived=True)
        return qs.with_cover()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # missing, or another agency's post: the same answer for both
            raise Http404(_("No such post."))
        return obj

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or Activity.objects.editable_by(request.user).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        return False  # archive instead: the post and its history stay attributable

    def has_review_permission(self, request):
        return is_coordinator(request.user)

    def get_autocomplete_fields(self, request):
        # Agency staff choose among their own few agencies; a search box would offer all.
        if self.has_review_permission(request):
            return ["agency", "partners", "province"]
        return ["partners", "province"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (AgencyChoices, form), {"user": request.user})

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), True

    def get_ordering(self, request):
        if request.GET.get("status", Status.SUBMITTED) == Status.SUBMITTED:
            return ["submitted_at", "pk"]
        return ["-start_date", "-pk"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Photo:
            # Clear the old cover first so the one-cover constraint never sees two.
            keep = [
                f.instance.pk
                for f in formset.forms
                if f.cleaned_data.get("is_cover") and f.instance.pk
            ]
            Photo.objects.filter(activity=form.instance).exclude(pk__in=keep).update(is_cover=False)
        super().save_formset(request, form, formset, change)

    # ---- columns ---------------------------------------------------------------------
    @admin.display(description=_("cover"))
    def cover_thumbnail(self, activity):
        return thumbnail(activity.cover, square=56)

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_and_author(self, activity):
        author = activity.created_by.get_full_name() or activity.created_by.get_username()
        return format_html(
            '<abbr title="{}">{}</abbr><br><small>{}</small>',
            activity.agency.name,
            activity.agency.short_name,
            author,
        )

    @admin.display(description=_("date"), ordering="start_date")
    def activity_date(self, activity):
        return thaidate.format_range(activity.start_date, activity.end_date, short=True)

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted(self, activity):
        if not activity.submitted_at:
            return ""
        day = thaidate.format_date(activity.submitted_at, short=True)
        if activity.status != Status.SUBMITTED:
            return day
        waiting = (timezone.now() - activity.submitted_at).days
        label = ngettext("waiting %(days)d day", "waiting %(days)d days", waiting)
        return format_html("{}<br><small>{}</small>", day, label % {"days": waiting})

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, activity):
        if activity.archived_at:
            return _("archived")
        label = activity.get_status_display()
        return format_html("{} ★", label) if activity.is_featured else label

    def get_changelist_instance(self, request):
        # The checks of the page's posts in one more query: computed in the page query
        # itself, PostgreSQL would work them out for every post matching before sorting.
        changelist = super().get_changelist_instance(request)
        changelist.result_list = list(changelist.result_list)
        found = evidence.flags_by_post(changelist.result_list)
        for activity in changelist.result_list:
            activity.evidence_flags = found.get(activity.pk, [])
        return changelist

    @admin.display(description=_("checks"))
    def checks(self, activity):
        return evidence_list(getattr(activity, "evidence_flags", []))

    @admin.display(description=_("page"))
    def page_link(self, activity):
        if Activity.objects.public().filter(pk=activity.pk).exists():
            return format_html(
                '<a href="{}">{}</a>', activity.get_absolute_url(), _("Open the public page")
            )
        try:
            preview = reverse("staff:preview", args=[activity.pk])
        except NoReverseMatch:  # the staff pages are not installed
            return _("Not public")
        return format_html('<a href="{}">{}</a>', preview, _("Open the preview"))

    def changelist_view(self, request, extra_context=None):
        # The review queue needs the width: no app sidebar here (breadcrumbs lead back).
        extra_context = {**(extra_context or {}), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        activity = self.get_object(request, unquote(object_id))
        if self.has_review_permission(request):
            extra_context["workflow_steps"] = [
                (name, STEPS[name][2]) for name in steps_for(activity)
            ]
            extra_context["can_return"] = activity.status == Status.SUBMITTED
        checks = evidence.flags_by_post([activity])[activity.pk]
        extra_context["evidence"] = evidence_list(checks, css_class="")
        return super().change_view(request, object_id, form_url, extra_context)
