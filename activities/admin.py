"""The coordinators' review desk: the activity changelist is a review queue.

Every action goes through `activities.workflow` (which writes the post's history) and is
also written to the admin log, so each step is attributable in both places.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agencies.roles import is_coordinator
from jitarsa import thaidate
from jitarsa.fields import NormalizedFormField
from jitarsa.forms import ThaiDateField

from . import evidence, workflow
from .forms import AgencyChoices
from .models import Activity, ActivityType, Photo, Transition
from .workflow import Status, TransitionNotAllowed

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
    """The reviewer's checks (activities/evidence.py): posts failing the one chosen."""

    title = _("checks")
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [(code, check[0]) for code, check in evidence.CHECKS.items()]

    def queryset(self, request, queryset):
        if self.value() not in evidence.CHECKS:
            return queryset
        return evidence.flagged(queryset, self.value())


def evidence_list(flags, *, css_class="evidence-flags"):
    """The checks a post fails, each linking to the post it may duplicate."""
    if not flags:
        return ""
    items = format_html_join(
        "",
        "<li>{}</li>",
        (
            (
                format_html(
                    '{} <a href="{}">#{}</a>',
                    flag.text,
                    reverse("admin:activities_activity_change", args=[flag.other_post]),
                    flag.other_post,
                )
                if flag.other_post
                else flag.text,
            )
            for flag in flags
        ),
    )
    return format_html('<ul class="{}">{}</ul>', css_class, items)


class PhotoFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        covers = [
            f
            for f in self.forms
            if f.cleaned_data.get("is_cover") and not f.cleaned_data.get("DELETE")
        ]
        if len(covers) > 1:
            raise forms.ValidationError(_("Choose only one cover photo."))


class PhotoInline(admin.TabularInline):
    model = Photo
    formset = PhotoFormSet
    fields = ["thumbnail", "caption", "alt_text", "order", "is_cover", "is_hidden"]
    readonly_fields = ["thumbnail"]
    extra = 0
    # Photos arrive through the staff pages' pipeline; a coordinator hides rather than deletes.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
        return thumbnail(photo)


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ["created_at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


def thumbnail(photo, square=None):
    """The 320 rendition at half its size, or cropped to a `square` of that many px (CSS
    object-fit), so a portrait photo never makes a row of the queue tall."""
    picture = photo.pick(320) if photo else None
    if not picture:
        return ""
    if square:
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" class="square-thumb">',
            picture.url,
            square,
            square,
            photo.alt,
        )
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        picture.url,
        picture.width // 2,
        picture.height // 2,
        photo.alt,
    )


class ReturnForm(forms.Form):
    note = NormalizedFormField(
        multiline=True,
        label=_("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Tell the author what to change. They see this note and receive it by e-mail."),
    )


# The change page's buttons and the list's actions: name -> (workflow step, its keyword
# arguments besides `by`, label).
STEPS = {
    "publish": (workflow.publish, {}, _("Publish")),
    "unpublish": (workflow.unpublish, {}, _("Unpublish")),
    "feature": (workflow.set_featured, {"featured": True}, _("Feature on the home page")),
    "unfeature": (workflow.set_featured, {"featured": False}, _("Remove from the home page")),
    "archive": (workflow.archive, {}, _("Archive")),
    "restore": (workflow.restore, {}, _("Restore")),
}


def step_action(name):
    """The list action for one of STEPS: its label, for reviewers only."""

    @admin.action(description=STEPS[name][2], permissions=["review"])
    def action(modeladmin, request, queryset):
        modeladmin._take(request, queryset, name)

    action.__name__ = name  # the action's name in the form and the admin log
    return action


def steps_for(activity):
    """The buttons worth showing on a post's change page."""
    if activity.archived_at:
        return ["restore"]
    featured = "unfeature" if activity.is_featured else "feature"
    return {
        Status.SUBMITTED: ["publish", "archive"],
        Status.PUBLISHED: ["unpublish", featured, "archive"],
        Status.UNPUBLISHED: ["publish", "archive"],
    }.get(activity.status, ["archive"])


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
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

    # ---- actions ---------------------------------------------------------------------
    def _take(self, request, queryset, name):
        step, arguments, label = STEPS[name]
        self._apply(request, queryset, step, label, **arguments)

    def _apply(self, request, queryset, step, label, **arguments):
        done = 0
        for activity in queryset:
            try:
                step(activity, by=request.user, **arguments)
            except (TransitionNotAllowed, PermissionDenied) as refusal:
                self.message_user(request, f"{activity}: {refusal}", messages.WARNING)
                continue
            self.log_change(request, activity, str(label))
            done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(action)s: %(count)d post.", "%(action)s: %(count)d posts.", done)
                % {"action": label, "count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Return to the author with a note"), permissions=["review"])
    def return_to_author(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            note, label = form.cleaned_data["note"], _("Returned to the author")
            self._apply(request, queryset, workflow.return_to_author, label, note=note)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return to the author"),
            "opts": self.model._meta,
            "posts": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(request, "admin/activities/activity/return_to_author.html", context)

    # ---- buttons on the change page --------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<path:object_id>/step/<str:name>/",
                self.admin_site.admin_view(self.step_view),
                name="activities_activity_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, object_id, name):
        if request.method != "POST" or name not in STEPS:
            raise Http404
        if not self.has_review_permission(request):
            raise PermissionDenied
        activity = self.get_object(request, unquote(object_id))
        self._take(request, [activity], name)
        return HttpResponseRedirect(reverse("admin:activities_activity_change", args=[object_id]))

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


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "name_en"]

    def has_delete_permission(self, request, obj=None):
        return False
