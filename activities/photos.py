"""The image pipeline: plain functions over Pillow images, so it is testable without the web.

    open_upload(file)  -> a decoded image, or PhotoRejected naming the file and the reason
    normalize(image)   -> upright, RGB, at most 2560 px on the long side, no metadata at all
    renditions(image)  -> smaller copies 320/640/1280 px wide, smallest first
    share_rendition(image) -> the 1200x630 crop link previews show (centre kept)
    add_photo(activity, file, ...) -> a stored Photo (random file names, WebP renditions)

Every file written is removed again if a later step fails, so a refused or half-saved photo
leaves nothing behind on disk.
"""

import functools
import io
import logging
import os
import secrets
import warnings

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

from . import evidence
from .models import Activity, Photo, photo_upload_to

logger = logging.getLogger(__name__)

register_heif_opener()

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 2560
RENDITION_WIDTHS = (320, 640, 1280)
SHARE_SIZE = (1200, 630)
JPEG_QUALITY = 85
WEBP_QUALITY = 80
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
ACCEPTED_LABEL = "JPEG, PNG, WebP, HEIC"
ORIENTATION = 0x0112
# What each EXIF orientation value asks for to stand the picture upright (as ImageOps does).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# Pillow warns above MAX_IMAGE_PIXELS and refuses at twice that; open_upload turns the
# warning into a refusal too, so nothing over 50 megapixels is ever decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class PhotoRejected(Exception):
    """A user-facing, translated message naming the file and why it was refused."""


def display_name(file):
    name = os.path.basename(getattr(file, "name", "") or "") or _("(unnamed file)")
    return name if len(name) <= 80 else name[:77] + "…"


def not_stored(file):
    """The refusal for a good photo the storage failed to take (disk full, bucket down)."""
    return PhotoRejected(
        _(
            "“%(name)s” could not be stored just now and was not added; everything else "
            "was saved. Try adding this photo again."
        )
        % {"name": display_name(file)}
    )


def _refuse(name, message, **values):
    raise PhotoRejected(message % {"name": name, **values})


def _sniff(name, head):
    """Recognise the usual wrong files by their first bytes, for a clearer message."""
    if not head:
        _refuse(name, _("“%(name)s” is empty."))
    if head.startswith(b"%PDF"):
        _refuse(
            name,
            _("“%(name)s” is a PDF document, not a photo. Accepted: %(formats)s."),
            formats=ACCEPTED_LABEL,
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        _refuse(
            name,
            _("“%(name)s” is a drawing or web page, not a photo. Accepted: %(formats)s."),
            formats=ACCEPTED_LABEL,
        )


def open_upload(file):
    """Decode an uploaded file (any file-like with .name), refusing anything but a photo."""
    name = display_name(file)
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
    if size > MAX_BYTES:
        _refuse(
            name,
            _("“%(name)s” is %(size).1f MB; a photo can be at most %(limit)d MB."),
            size=size / 1024 / 1024,
            limit=MAX_BYTES // 1024 // 1024,
        )
    file.seek(0)
    _sniff(name, file.read(512))
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _too_many_pixels(name, None)
    except Exception:
        _refuse(
            name,
            _("“%(name)s” is not a photo this site can read. Accepted: %(formats)s."),
            formats=ACCEPTED_LABEL,
        )
    if image.format not in ACCEPTED_FORMATS:
        _refuse(
            name,
            _("“%(name)s” is a %(format)s file. Accepted: %(formats)s."),
            format=image.format or "?",
            formats=ACCEPTED_LABEL,
        )
    if image.width * image.height > MAX_PIXELS:
        _too_many_pixels(name, image)
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when the result is still >= MAX_SIDE: less memory
        # and much faster for big camera files.
        scale = MAX_SIDE / max(image.size)
        if scale < 1:
            # max(1, …): a 65535×1 frame would otherwise ask for 0 px and divide by zero.
            image.draft(
                "RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
            )
    try:
        image.load()
    except Exception:
        _refuse(
            name,
            _("“%(name)s” is damaged or incomplete (the upload may have been cut off). Try again."),
        )
    return image


def _too_many_pixels(name, image):
    megapixels = f" ({image.width * image.height / 1e6:.0f} MP)" if image else ""
    _refuse(
        name,
        _("“%(name)s” is too large%(size)s: a photo can have at most %(limit)d megapixels."),
        size=megapixels,
        limit=MAX_PIXELS // 1_000_000,
    )


@functools.cache
def _srgb():
    return ImageCms.createProfile("sRGB")


def _to_srgb(image, profile):
    """Convert colours from an embedded profile (iPhones use Display P3) before dropping it."""
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode=image.mode)
    except Exception:  # a broken or CMYK profile: keep the pixels as they are
        return image


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _flatten(image):
    """RGB on a white background (JPEG has no transparency)."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def _to_8_bits(image):
    """16-bit greyscale (PNG) scaled to 0–255. Pillow's convert() clips instead: every value
    above 255, mid grey (32768) included, would come out pure white."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 257).convert("L")
    return image


def normalize(upload):
    """Upright (EXIF orientation applied), sRGB, RGB, <= MAX_SIDE px, and no metadata."""
    image = upload
    # Only an RGB image's profile is applied; a CMYK one would not fit the converted pixels.
    profile = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    turn = _TURNS.get(image.getexif().get(ORIENTATION, 1))
    image = _to_8_bits(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette, CMYK and 16-bit images cannot be resized smoothly as they are.
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        # Bicubic: a third less work than Lanczos on 12 MP, no visible difference at 2560 px.
        image = image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    if turn is not None:  # after shrinking: turning the smaller image is cheaper
        image = image.transpose(turn)
    image = _flatten(_to_srgb(image, profile))
    # Nothing of the upload's metadata may survive: EXIF (GPS!), XMP, ICC, comments. A new
    # image (what every step above makes) reads its EXIF from `info` alone; the upload
    # itself has read its own already, so it is copied rather than emptied.
    if image is upload or image.readonly:
        image = image.copy()
    image.info = {}
    return image


def renditions(image):
    """Copies RENDITION_WIDTHS wide (never wider than the image), smallest first.

    Each is made from the next larger one, which is faster than shrinking the full image
    three times and looks the same. A step that halves the width (2560 -> 1280 -> 640 ->
    320) averages 2x2 pixels (reducing_gap=1: Image.reduce) instead of Lanczos: a tenth
    of the time, and at half size the same picture.
    """
    widths = sorted({min(w, image.width) for w in RENDITION_WIDTHS}, reverse=True)
    made, source = [], image
    for width in widths:
        if width != source.width:
            height = max(1, round(source.height * width / source.width))
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=1.0)
        made.append(source)
    return made[::-1]


def share_rendition(image):
    """The picture for link previews: 1200x630 (Facebook's 1.91:1), cut from the middle.

    LINE then crops that to its centre square, so the subject, usually in the middle of a
    photo, survives both. JPEG, since not every chat app previews WebP.
    """
    return ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def encode_jpeg(image):
    # Baseline with optimised tables: progressive took 2.4x as long for 6% less, and pages
    # show the WebP renditions; the JPEG is the download and the link-preview picture.
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def encode_webp(image):
    # Effort 0: half the time of effort 2 for files of the same size at this quality.
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=0)
    return buffer.getvalue()


def remove_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone; nothing else to do
            logger.warning("Could not delete photo file %s", name)


def _check_room(activity, name):
    """The one place the photo limit is enforced (see _take_place for the guarantee)."""
    if activity.photos.count() >= Photo.MAX_PER_ACTIVITY:
        _refuse(
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
