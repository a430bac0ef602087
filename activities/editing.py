"""Saving a staff member's post: its fields, its photo rows and new photos, in one transaction.

A refused photo does not stop the save: the text and every good photo are kept, and the
refusals come back as messages naming each file (from PhotoRejected). A photo the storage
fails to take is refused the same way. Any other failure rolls the whole save back, and the
files of the photos added before it are removed.
"""

import logging

from django.db import transaction

from . import photos
from .workflow import Action, Status

logger = logging.getLogger(__name__)


def save_post(form, user, *, rows=None, cover=None, move=None):
    """Save a valid ActivityForm (and, when editing, its PhotoFormSet and cover choice).

    Returns (activity, refusals).
    """
    added = []
    try:
        with transaction.atomic():
            activity, refusals = _save(form, user, rows, cover, move, added)
    except BaseException:
        photos.remove_files([name for photo in added for name in photos.stored_names(photo)])
        raise
    return activity, refusals


def _save(form, user, rows, cover, move, added):
    activity = form.save(commit=False)
    created = activity.pk is None
    if created:
        activity.created_by = user
    activity.save()
    form.save_m2m()
    if created:
        activity.transitions.create(
            actor=user, action=Action.CREATE, from_status=Status.DRAFT, to_status=Status.DRAFT
        )
    if rows is not None:
        _save_rows(rows)
    if move:
        move_photo(activity, *move)
    refusals = _add_photos(activity, form.cleaned_data.get("new_photos") or [], added)
    set_cover(activity, cover)
    return activity, refusals


def _save_rows(rows):
    for row in rows.deleted_forms:
        if row.instance.pk:
            photos.delete_photo(row.instance)
    for photo in rows.save(commit=False):
        photo.save()


def _add_photos(activity, files, added):
    refusals = []
    for upload in files:
        try:
            with transaction.atomic():  # a savepoint: a failed photo leaves the rest usable
                added.append(photos.add_photo(activity, upload))
        except photos.PhotoRejected as refusal:
            refusals.append(str(refusal))
        except Exception:
            logger.exception("Could not store photo %s of activity %s", upload, activity.pk)
            refusals.append(str(photos.not_stored(upload)))
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
