"""Storing an uploaded photo of a post (and deleting one): random names, every size, and
the limit of photos a post may hold.

Every file written is removed again if a later step fails, so a refused or half-saved photo
leaves nothing behind on disk.
"""

import logging
import os
import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from .. import evidence
from ..models import Activity, Photo, photo_upload_to
from .decoding import display_name, open_upload, refuse
from .images import SHARE_SIZE, encode_jpeg, encode_webp, normalize, renditions, share_rendition

logger = logging.getLogger(__name__)


SIZE_KEPT = 30 * 24 * 3600  # a stored file never changes: its name is new for every write


def sizes(names):
    """{name: bytes} of stored files, asked of the storage once per file and then kept in
    the shared cache, all read in one round trip. With object storage each size is a
    request to it: a feed of 30 items asked 30 of them on every render. A file the storage
    cannot find is left out."""
    names = list(dict.fromkeys(names))
    found = cache.get_many([f"photo:bytes:{name}" for name in names])
    known = {name: found[f"photo:bytes:{name}"] for name in names if f"photo:bytes:{name}" in found}
    asked = {}
    for name in names:
        if name not in known:
            try:
                asked[name] = default_storage.size(name)
            except OSError:
                continue
    cache.set_many({f"photo:bytes:{name}": size for name, size in asked.items()}, SIZE_KEPT)
    return known | asked


def remove_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone; nothing else to do
            logger.warning("Could not delete photo file %s", name)


def _check_room(activity, name):
    """The one place the photo limit is enforced (see _take_place for the guarantee)."""
    if activity.photos.count() >= Photo.MAX_PER_ACTIVITY:
        refuse(
            name,
            _("“%(name)s” was not added: a post can have at most %(limit)d photos."),
            limit=Photo.MAX_PER_ACTIVITY,
        )


def _take_place(activity, name, order):
    """Inside a transaction: the place of a new photo of `activity`, or PhotoRejected when
    the post is full. Photos of one post arrive in parallel, so the post's row is locked
    first (PostgreSQL; SQLite's IMMEDIATE transactions lock the whole database): the count
    and the next place are then exact, whatever the timing, until the photo is saved."""
    Activity.objects.select_for_update().filter(pk=activity.pk).values("pk").get()
    _check_room(activity, name)
    if order is not None:
        return order
    last = activity.photos.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


def add_photo(activity, uploaded_file, *, caption="", alt_text="", order=None, is_cover=False):
    """Check, clean and store one uploaded photo of `activity`; raise PhotoRejected.

    `order` places it (upload.js sends each photo's place in the chosen list, since parallel
    uploads finish in any order); without it the photo goes last.
    """
    name = display_name(uploaded_file)
    _check_room(activity, name)  # early, before seconds of decoding; again in _take_place
    image = normalize(open_upload(uploaded_file))
    sizes = renditions(image)

    base = secrets.token_urlsafe(16)
    photo = Photo(activity=activity, caption=caption, alt_text=alt_text, is_cover=is_cover)
    evidence.examine(photo, uploaded_file, image)
    written = []
    try:
        original = encode_jpeg(image)
        folder = os.path.dirname(photo_upload_to(photo, f"{base}.jpg"))
        # A named ContentFile: Django 5.2 reads the dimensions from the content assigned,
        # and a nameless one counts as "no file", leaving width and height NULL.
        photo.image.save(f"{base}.jpg", ContentFile(original, name=f"{base}.jpg"), save=False)
        photo.width, photo.height = image.size
        written.append(photo.image.name)
        for size in sizes:
            stored = default_storage.save(
                f"{folder}/{base}-{size.width}.webp", ContentFile(encode_webp(size))
            )
            written.append(stored)
            photo.add_rendition(stored, size.width, size.height)
        stored = default_storage.save(
            f"{folder}/{base}-share.jpg", ContentFile(encode_jpeg(share_rendition(image)))
        )
        written.append(stored)
        photo.add_rendition(stored, *SHARE_SIZE, share=True)
        with transaction.atomic():
            photo.order = _take_place(activity, name, order)
            photo.save()
    except BaseException:
        remove_files(written)
        raise
    return photo


def delete_photo(photo):
    """Delete the row now and its files once the deletion is committed."""
    names = photo.stored_names()
    photo.delete()
    transaction.on_commit(lambda: remove_files(names))
