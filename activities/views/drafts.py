"""The post form's background requests (static/js/upload.js), all answering JSON.

On a phone the draft exists from the first photo or the first autosave (`start`); the text
is then kept as it is typed (`autosave`) and each photo travels in a request of its own
(`add_photo`), so no request carries more than one photo and none can lose the others.
The doors are the staff pages' own: can_post, then Activity.objects.editable_by(user).
"""

import functools
import logging

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.roles import can_post

from .. import editing, photos
from ..models import Activity, Photo

logger = logging.getLogger(__name__)


def _refuse(message, status, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


def json_staff_only(view):
    """POST only; 401/403 as JSON (a signed-out phone gets a message, not the login page)."""

    @functools.wraps(view)
    @require_POST
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _refuse(_("You were signed out. Sign in again, then try once more."), 401)
        if not can_post(request.user):
            return _refuse(_("Only agency staff and coordinators can use this area."), 403)
        return view(request, *args, **kwargs)

    return wrapper


def _find(request, pk, editable):
    """(activity, None), or (None, a JSON refusal): 404 unseen, 403 seen but not changeable."""
    activity = editable.filter(pk=pk).first()
    if activity is not None:
        return activity, None
    if Activity.objects.visible_to(request.user).filter(pk=pk).exists():
        return None, _refuse(_("This post cannot be changed any more."), 403)
    return None, _refuse(_("No such post."), 404)


def _addresses(activity):
    return {
        "id": activity.pk,
        "edit": reverse("staff:edit", args=[activity.pk]),
        "autosave": reverse("staff:autosave", args=[activity.pk]),
        "photos": reverse("staff:add_photo", args=[activity.pk]),
    }


@json_staff_only
def start(request):
    activity, errors = editing.save_draft(request.POST, request.user)
    if activity is None:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse({**_addresses(activity), "errors": errors}, status=201)


@json_staff_only
def autosave(request, pk):
    drafts = Activity.objects.editable_by(request.user).in_progress()
    activity, refusal = _find(request, pk, drafts)
    if refusal:
        return refusal
    saved, errors = editing.save_draft(request.POST, request.user, activity)
    return JsonResponse({"saved": saved is not None, "errors": errors})


def _order(value):
    # isascii: "²" and "๑" pass isdigit() too, and int("²") raises.
    return int(value) if value.isascii() and value.isdigit() and int(value) < 10_000 else None


@json_staff_only
def add_photo(request, pk):
    activity, refusal = _find(request, pk, Activity.objects.editable_by(request.user))
    if refusal:
        return refusal
    upload = request.FILES.get("photo")
    if upload is None:  # a request cut short on the way: worth sending again
        return _refuse(_("The photo did not arrive. Sending it again…"), 400, retry=True)
    try:
        photo = editing.add_one_photo(activity, upload, order=_order(request.POST.get("order", "")))
    except photos.PhotoRejected as rejected:
        return _refuse(str(rejected), 400)
    except Exception:
        logger.exception("Could not store photo %s of activity %s", upload, activity.pk)
        return _refuse(str(photos.not_stored(upload)), 503, retry=True)
    thumbnail = photo.pick(320)
    return JsonResponse(
        {
            "id": photo.pk,
            "order": photo.order,
            "thumbnail": thumbnail.url if thumbnail else "",
            "count": activity.photos.count(),
            "limit": Photo.MAX_PER_ACTIVITY,
        },
        status=201,
    )
