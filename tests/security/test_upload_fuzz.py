"""575 hostile files through the photo pipeline: each is refused with a message or stored clean.

A submitter takes (activity, name, content) and returns the stored Photo, or raises
PhotoRejected. The staff upload form joins SUBMITTERS with one line when it exists.
"""

import traceback
from collections import defaultdict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from activities.photos import (
    MAX_SIDE,
    RENDITION_WIDTHS,
    SHARE_SIZE,
    PhotoRejected,
    add_photo,
    remove_files,
)
from tests.factories import make_activity

from .hostile_files import hostile_files

# Pillow warns about the broken EXIF it skips; that is the point of these files.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")

FILES = hostile_files()
# A good photo with broken EXIF is still a good photo: it must not be lost.
MUST_BE_ACCEPTED = {"valid", "exif"}
MUST_BE_REFUSED = {"other-format", "disguised", "empty", "too-big"}
MUST_BE_REFUSED_NAMES = {"png-bomb-64mp-gray.jpg", "png-100000x100000.jpg"}


def submit_to_pipeline(activity, name, content):
    return add_photo(activity, SimpleUploadedFile(name, content, "image/jpeg"))


SUBMITTERS = {"add_photo": submit_to_pipeline}


def media_files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def clean_image_problems(photo, root):
    """What is wrong with a stored photo (empty when it is a clean image)."""
    problems = []
    stored = (root / photo.image.name).read_bytes()
    for smuggled in (b"<script", b"<html", b"<?php", b"PK\x03\x04", b"%PDF", b"alert("):
        if smuggled in stored:
            problems.append(f"stored file still holds {smuggled!r}")
    with Image.open(root / photo.image.name) as image:
        image.verify()
    with Image.open(root / photo.image.name) as image:
        if image.format != "JPEG":
            problems.append(f"stored as {image.format}")
        if max(image.size) > MAX_SIDE:
            problems.append(f"stored at {image.size}")
        if len(image.getexif()) or {"exif", "icc_profile", "comment", "xmp"} & set(image.info):
            problems.append(f"metadata kept: {sorted(image.info)} exif={dict(image.getexif())}")
        image.load()
    for rendition in photo.renditions:
        with Image.open(root / rendition["name"]) as image:
            image.load()
            expected = ("JPEG", SHARE_SIZE) if rendition.get("crop") == "share" else ("WEBP", None)
            if image.format != expected[0] or image.width > max(RENDITION_WIDTHS):
                problems.append(f"rendition {image.format} {image.size}")
            if expected[1] and image.size != expected[1]:
                problems.append(f"share rendition at {image.size}")
            if len(image.getexif()):
                problems.append("rendition has EXIF")
    return problems


@pytest.fixture
def activity(db):
    return make_activity()


def test_there_are_at_least_500_hostile_files():
    assert len(FILES) >= 500
    assert len({name for _category, name, _content in FILES}) == len(FILES)


@pytest.mark.parametrize("submitter", SUBMITTERS)
@pytest.mark.parametrize("category", sorted({category for category, _n, _c in FILES}))
def test_every_hostile_file_is_refused_with_a_message_or_stored_clean(
    activity, settings, category, submitter
):
    root = settings.MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    submit = SUBMITTERS[submitter]
    failures = defaultdict(list)
    for file_category, name, content in FILES:
        if file_category != category:
            continue
        before = media_files(root)
        try:
            photo = submit(activity, name, content)
        except PhotoRejected as refusal:
            message = str(refusal)
            if name[:40] not in message:
                failures[name].append(f"refusal does not name the file: {message!r}")
            if file_category in MUST_BE_ACCEPTED:
                failures[name].append(f"a valid photo was refused: {message}")
            if media_files(root) != before:
                failures[name].append(f"stray files: {media_files(root) - before}")
            continue
        except Exception:
            failures[name].append("crashed:\n" + traceback.format_exc(limit=-3))
            continue
        if file_category in MUST_BE_REFUSED or name in MUST_BE_REFUSED_NAMES:
            failures[name].append("accepted a file that must be refused")
        failures[name].extend(clean_image_problems(photo, root))
        remove_files(photo.stored_names())
        photo.delete()
    failures = {name: problems for name, problems in failures.items() if problems}
    assert not failures, "\n".join(f"{name}: {'; '.join(p)}" for name, p in failures.items())
