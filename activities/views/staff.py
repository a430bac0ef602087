"""The staff area: agency staff write posts and send them for review; coordinators see all."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.roles import can_post
from core.language import is_english
from core.siteurl import site_url

from .. import evidence, uploads, workflow
from ..editing import request_deadline, save_post
from ..forms import (
    ActivityForm,
    CoverForm,
    StaffListFilter,
    photo_rows,
    photo_rules,
    upload_context,
)
from ..models import Activity
from ..workflow import Status, TransitionNotAllowed
from .public import page_context, paginate


def staff_only(view):
    """Signed-in users who can post (staff with an agency, coordinators); others get 403."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_post(request.user):
            raise PermissionDenied(_("Only agency staff and coordinators can use this area."))
        return view(request, *args, **kwargs)

    return wrapper


def _visible(request, pk):
    """The post with `can_edit` set for this user; 404 for posts the user cannot see."""
    visible = Activity.objects.visible_to(request.user).with_can_edit(request.user)
    return get_object_or_404(visible.select_related("agency"), pk=pk)


def _editable(request, pk):
    """404 for posts the user cannot see, 403 for those they see but may not change now."""
    activity = _visible(request, pk)
    if not activity.can_edit:
        raise PermissionDenied(
            _("This post cannot be changed while it is %(status)s.")
            % {"status": activity.get_status_display()}
        )
    return activity


def _done(request, url):
    """upload.js posts with XHR and follows the address itself, after clearing its draft."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"redirect": url})
    return redirect(url)


def status_counts(visible):
    found = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, found.get(value, 0)) for value, label in Status.choices]


@staff_only
def activity_list(request):
    visible = Activity.objects.visible_to(request.user)
    filters = StaffListFilter(request.GET or None, visible)
    shown = filters.filter(visible).select_related("agency", "activity_type").with_cover()
    shown = shown.with_can_edit(request.user).order_by("-updated_at", "-pk")
    context = {
        "filters": filters,
        "page_obj": paginate(request, shown),
        "counts": status_counts(visible),
    }
    return render(request, "activities/staff/list.html", context)


def _form_page(request, form, activity=None, rows=None):
    context = {
        "form": form,
        "activity": activity,
        "rows": rows,
        "photo_rules": photo_rules(),
        "upload": upload_context(activity),
    }
    return render(request, "activities/staff/form.html", context)


@staff_only
def create(request):
    deadline = request_deadline()  # first: reading the photos below takes time too
    action = request.POST.get("action", "draft")
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        submitting=action == "submit",
    )
    if request.method == "POST" and form.is_valid():
        activity, refusals = save_post(form, request.user, deadline=deadline)
        return _after_save(request, activity, refusals, action)
    return _form_page(request, form)


def _move(request):
    """The ↑/↓ buttons send "<photo id>:up" or "<photo id>:down"."""
    photo_id, _sep, direction = request.POST.get("move", "").partition(":")
    if not (photo_id.isascii() and photo_id.isdigit()) or direction not in ("up", "down"):
        return None
    return int(photo_id), -1 if direction == "up" else 1


def _rows(activity, data):
    """The stored photos' rows; None when the page sent none (upload.js started the draft on
    the new-post page, which has no rows): then the photos are left as they are."""
    if data is not None and "photos-TOTAL_FORMS" not in data:
        return None
    return photo_rows(activity, data)


@staff_only
def edit(request, pk):
    deadline = request_deadline()  # first: reading the photos below takes time too
    activity = _editable(request, pk)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    action = request.POST.get("action", "draft")
    form = ActivityForm(
        data, files, instance=activity, user=request.user, submitting=action == "submit"
    )
    rows, cover = _rows(activity, data), CoverForm(activity, data)
    rows_valid = rows is None or rows.is_valid()
    if data is not None and form.is_valid() and rows_valid and cover.is_valid():
        move = _move(request)
        activity, refusals = save_post(
            form,
            request.user,
            rows=rows,
            cover=cover.cleaned_data["cover"],
            move=move,
            deadline=deadline,
        )
        return _after_save(request, activity, refusals, "move" if move else action)
    return _form_page(request, form, activity, rows if rows is not None else photo_rows(activity))


def _after_save(request, activity, refusals, action):
    refusals = [*refusals, *uploads.refusals(request)]
    for refusal in refusals:
        messages.error(request, refusal)
    edit_url = reverse("staff:edit", args=[activity.pk])
    if action == "move":
        return _done(request, edit_url + "#photos")
    if action == "preview":
        return _done(request, reverse("staff:preview", args=[activity.pk]))
    if action == "submit":
        if refusals:
            messages.warning(request, _("Saved as a draft but not submitted: see the photos."))
            return _done(request, edit_url)
        return _submit(request, activity)
    messages.success(request, _("Saved as a draft."))
    return _done(request, edit_url)


def _submit(request, activity):
    edit_url = reverse("staff:edit", args=[activity.pk])
    if not activity.consent_confirmed:
        messages.error(request, _("Confirm that the people pictured agreed before submitting."))
        return _done(request, edit_url)
    try:
        workflow.submit(activity, by=request.user)
    except TransitionNotAllowed as refusal:
        messages.error(request, str(refusal))
        return _done(request, edit_url)
    messages.success(request, _("“%(title)s” was sent for review.") % {"title": activity.title})
    return _done(request, reverse("staff:list"))


@staff_only
@require_POST
def submit(request, pk):
    return _submit(request, _editable(request, pk))


@staff_only
def preview(request, pk):
    """The public page exactly as it will look, with a banner saying it is a preview."""
    activity = _visible(request, pk)
    context = {
        **page_context(activity, site_url(request)),
        "can_edit": activity.can_edit,
        "checks": evidence.flags(evidence.annotate(Activity.objects.filter(pk=pk)).get()),
    }
    return render(request, "activities/staff/preview.html", context)


@staff_only
def help_page(request):
    language = "en" if is_english() else "th"
    return render(request, f"activities/staff/help_{language}.html", {"rules": photo_rules()})
