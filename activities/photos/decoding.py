"""Refusing what is not a photo: size, format and pixel limits, checked before and while
decoding, each refusal a translated message naming the file."""

import os
import warnings

from django.utils.translation import gettext as _
from PIL import Image
from pillow_heif import register_heif_opener

from .images import MAX_SIDE

register_heif_opener()

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
ACCEPTED_LABEL = "JPEG, PNG, WebP, HEIC"

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


def refuse(name, message, **values):
    raise PhotoRejected(message % {"name": name, **values})


def _sniff(name, head):
    """Recognise the usual wrong files by their first bytes, for a clearer message."""
    if not head:
        refuse(name, _("“%(name)s” is empty."))
    if head.startswith(b"%PDF"):
        refuse(
            name,
            _("“%(name)s” is a PDF document, not a photo. Accepted: %(formats)s."),
            formats=ACCEPTED_LABEL,
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        refuse(
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
        refuse(
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
        refuse(
            name,
            _("“%(name)s” is not a photo this site can read. Accepted: %(formats)s."),
            formats=ACCEPTED_LABEL,
        )
    if image.format not in ACCEPTED_FORMATS:
        refuse(
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
        refuse(
            name,
            _("“%(name)s” is damaged or incomplete (the upload may have been cut off). Try again."),
        )
    return image


def _too_many_pixels(name, image):
    megapixels = f" ({image.width * image.height / 1e6:.0f} MP)" if image else ""
    refuse(
        name,
        _("“%(name)s” is too large%(size)s: a photo can have at most %(limit)d megapixels."),
        size=megapixels,
        limit=MAX_PIXELS // 1_000_000,
    )
