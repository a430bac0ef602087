"""What a careful reviewer checks before publishing under the ministry's name.

At upload, `examine(photo, file, image)` (photo_facts.py) keeps two facts a photo carries
about itself before the pipeline strips its metadata (the GPS position stays stripped):

    taken_at  when the camera says it was taken (EXIF DateTimeOriginal with
              OffsetTimeOriginal, Bangkok time when the offset is missing)
    phash     a 64-bit difference hash (dHash) of the picture as 16 hex digits: the same
              photo gives the same fingerprint after re-saving, resizing or LINE's
              recompression, so a photo reused on another post is found by an index lookup

`annotate(queryset)` (checks.py) then adds every check to a queryset of posts as columns
computed by the database, `flags(activity)` (messages.py) turns those columns into the
messages the review queue, the change page and the staff preview show, and
`flags_by_post(posts)` does both for a page of posts in one query. `flagged(queryset, code)`
filters by one check, asked as EXISTS conditions rather than columns ("possibly posted
twice" among the posts waiting, returned or of the last RECENT days).

A dHash over Pillow (nine lines) rather than the `imagehash` package: that package pulls
numpy, SciPy and PyWavelets (about 100 MB) into every web process for the same 64 bits.
"""

from .checks import (
    CHECKS,
    COMPARED_STATUSES,
    RECENT,
    TOLERANCE,
    annotate,
    flagged,
    flags_by_post,
)
from .messages import Flag, flags
from .photo_facts import capture_time, examine, fingerprint, parse_exif_time

__all__ = [
    "CHECKS",
    "COMPARED_STATUSES",
    "RECENT",
    "TOLERANCE",
    "Flag",
    "annotate",
    "capture_time",
    "examine",
    "fingerprint",
    "flagged",
    "flags",
    "flags_by_post",
    "parse_exif_time",
]
