"""The reviewer's steps, as list actions and as buttons on a post's change page.

Every step goes through `activities.workflow` (which writes the post's history) and is also
written to the admin log, so each step is attributable in both places.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.fields import NormalizedFormField

from .. import workflow
from ..workflow import Status, TransitionNotAllowed


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


class ReviewSteps:
    """The steps of STEPS and the return with a note, for the activity admin."""

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
