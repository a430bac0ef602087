"""Saving a staff member's post: its fields, its photo rows and new photos, in one transaction.

A refused photo does not stop the save: the text and every good photo are kept, and the
refusals come back as messages naming each file (from PhotoRejected). A photo the storage
fails to take is refused the same way, and so are the photos left when the request's time
budget (settings.PHOTO_REQUEST_BUDGET) runs out: the post is saved with the photos done so
far and the rest are named to be added again. Any other failure rolls the whole save back,
and the files of the photos added before it are removed.

The phone's way (upload.js) never sends photos with the text: `save_draft` keeps the text as
it is typed and `add_one_photo` takes one photo per request.
"""

import logging
from time import monotonic

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import photos, workflow
from .forms import DraftForm
from .models import Activity

logger = logging.getLogger(__name__)


def request_deadline():
    """When a request that started now must stop adding photos (on the monotonic clock)."""
    return monotonic() + settings.PHOTO_REQUEST_BUDGET


def save_post(form, user, *, rows=None, cover=None, move=None, deadline=None):
    """Save a valid ActivityForm (and, when editing, its PhotoFormSet and cover choice).

    Returns (activity, refusals).
    """
    added = []
    try:
        with transaction.atomic():
            activity, refusals = _save(form, user, rows, cover, move, added, deadline)
    except BaseException:
        photos.remove_files([name for photo in added for name in photo.stored_names()])
        raise
    return activity, refusals


def _save(form, user, rows, cover, move, added, deadline=None):
    activity = form.save(commit=False)
    created = activity.pk is None
    if created:
        activity.created_by = user
    activity.save()
    form.save_m2m()
    if created:
        workflow.record_creation(activity, by=user)
    if rows is not None:
        _save_rows(rows)
    if move:
        move_photo(activity, *move)
    files = form.cleaned_data.get("new_photos") or []
    refusals = _add_photos(activity, files, added, deadline)
    set_cover(activity, cover)
    return activity, refusals


def _save_rows(rows):
    for row in rows.deleted_forms:
        if row.instance.pk:
            photos.delete_photo(row.instance)
    for photo in rows.save(commit=False):
        photo.save()


def _add_photos(activity, files, added, deadline=None):
    refusals, left, slowest = [], [], 0.0
    for upload in files:
        started = monotonic()
        # Stop before a photo that might not finish in time (as slow as the slowest so far):
        # past the budget the worker risks being killed, and everything with it.
        if left or (deadline is not None and started + slowest > deadline):
            left.append(photos.display_name(upload))
            continue
        try:
            with transaction.atomic():  # a savepoint: a failed photo leaves the rest usable
                added.append(photos.add_photo(activity, upload))
        except photos.PhotoRejected as refusal:
            refusals.append(str(refusal))
        except Exception:
            logger.exception("Could not store photo %s of activity %s", upload, activity.pk)
            refusals.append(str(photos.not_stored(upload)))
        slowest = max(slowest, monotonic() - started)
    if left:
        refusals.append(
            _(
                "Time ran out before these photos could be added; everything else was saved. "
                "Add them again: %(names)s."
            )
            % {"names": ", ".join(left)}
        )
    return refusals


def move_photo(activity, photo_id, step):
    """Swap a photo with its neighbour (step -1 up, +1 down), then number them 0, 1, 2…"""
    ordered = list(activity.photos.order_by("order", "pk"))
    index = next((i for i, p in enumerate(ordered) if p.pk == photo_id), None)
    if index is not None and 0 <= index + step < len(ordered):
        ordered[index], ordered[index + step] = ordered[index + step], ordered[index]
    for number, photo in enumerate(ordered):
        if photo.order != number:
            photo.order = number
            photo.save(update_fields=["order"])


def set_cover(activity, chosen=None):
    """Make `chosen` the cover, or keep the current one, or take the first photo."""
    kept = activity.photos.order_by("order", "pk")
    current = kept.filter(is_cover=True).first()
    if chosen is not None and not kept.filter(pk=chosen.pk).exists():
        chosen = None  # removed in the same save
    chosen = chosen or current or kept.first()
    if chosen is None or chosen == current:
        return
    # One cover per post is a database constraint: clear the old one first. save(), not
    # update(), so the public cache hears of it when a coordinator edits a live post.
    if current:
        current.is_cover = False
        current.save(update_fields=["is_cover"])
    chosen.is_cover = True
    chosen.save(update_fields=["is_cover"])


def save_draft(data, user, activity=None):
    """Keep what is valid of a post being typed (upload.js saves it in the background).

    Nothing is required yet but the agency; a field that is not valid yet (a half-typed
    date) is left as it was rather than refusing the rest. Returns (activity, errors): the
    activity is None when nothing could be saved (no agency chosen yet).
    """
    form = DraftForm(data, instance=_fresh(activity), user=user)
    errors = {} if form.is_valid() else _texts(form.errors)
    if "agency" in errors:
        return None, errors
    if errors:
        skip = set(errors) - {NON_FIELD_ERRORS}
        form = DraftForm(data, instance=_fresh(activity), user=user, skip=skip)
        if not form.is_valid():
            return None, {**errors, **_texts(form.errors)}
    try:
        with transaction.atomic():
            saved, _refusals = _save(form, user, None, None, None, [])
    except IntegrityError:  # e.g. a new date after the stored end date: kept for the final save
        return None, errors
    return saved, errors


def _texts(errors):
    return {name: [str(message) for message in messages] for name, messages in errors.items()}


def _fresh(activity):
    """A new instance each try: a form that failed has already changed the one it was given."""
    return Activity.objects.get(pk=activity.pk) if activity else None


def add_one_photo(activity, upload, *, order=None):
    """One photo from upload.js, placed at `order`; the first photo stays the cover."""
    photo = photos.add_photo(activity, upload, order=order)
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).values("pk").get()
        _keep_first_as_cover(activity, photo)
    return photo


def _keep_first_as_cover(activity, photo):
    """Parallel uploads finish in any order: a photo placed before the cover while the cover
    is the first of the others (nobody chose another) takes over; no cover yet, the first."""
    ordered = list(activity.photos.order_by("order", "pk").only("pk", "order", "is_cover"))
    cover = next((p for p in ordered if p.is_cover), None)
    others = [p for p in ordered if p.pk != photo.pk]
    if cover is None:
        set_cover(activity)
    elif ordered[0].pk == photo.pk and others and cover.pk == others[0].pk:
        set_cover(activity, ordered[0])
