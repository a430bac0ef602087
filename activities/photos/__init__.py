"""The image pipeline: plain functions over Pillow images, so it is testable without the web.

    open_upload(file)  -> a decoded image, or PhotoRejected naming the file and the reason
    normalize(image)   -> upright, RGB, at most 2560 px on the long side, no metadata at all
    renditions(image)  -> smaller copies 320/640/1280 px wide, smallest first
    share_rendition(image) -> the 1200x630 crop link previews show (centre kept)
    add_photo(activity, file, ...) -> a stored Photo (random file names, WebP renditions)

decoding.py refuses what is not a photo, images.py holds the Pillow steps and storing.py
writes the files and the row.
"""

from .decoding import (
    ACCEPTED_FORMATS,
    ACCEPTED_LABEL,
    MAX_BYTES,
    MAX_PIXELS,
    PhotoRejected,
    display_name,
    not_stored,
    open_upload,
)
from .images import (
    MAX_SIDE,
    RENDITION_WIDTHS,
    SHARE_SIZE,
    encode_jpeg,
    encode_webp,
    normalize,
    renditions,
    share_rendition,
)
from .storing import add_photo, delete_photo, remove_files

__all__ = [
    "ACCEPTED_FORMATS",
    "ACCEPTED_LABEL",
    "MAX_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "RENDITION_WIDTHS",
    "SHARE_SIZE",
    "PhotoRejected",
    "add_photo",
    "delete_photo",
    "display_name",
    "encode_jpeg",
    "encode_webp",
    "normalize",
    "not_stored",
    "open_upload",
    "remove_files",
    "renditions",
    "share_rendition",
]
