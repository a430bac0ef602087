"""Small builders of valid objects, one line each in a test."""

import datetime
import functools
import io
import itertools
import os
import secrets

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from activities import photos, workflow
from activities.models import Activity, ActivityType, Photo
from agencies.models import Agency, Membership
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP

_counter = itertools.count(1)


def make_user(username=None, *, agencies=(), role=STAFF_GROUP, password="pass-1234-word", **extra):
    from django.contrib.auth import get_user_model

    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.com", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    for agency in agencies:
        Membership.objects.create(user=user, agency=agency)
    return user


def make_staff(agency, username=None, **extra):
    return make_user(username, agencies=[agency], role=STAFF_GROUP, **extra)


def make_coordinator(username=None, **extra):
    return make_user(username, role=COORDINATOR_GROUP, is_staff=True, **extra)


def agency(slug):
    return Agency.objects.get(slug=slug)


def activity_type(slug="development"):
    return ActivityType.objects.get(slug=slug)


def make_activity(agency=None, *, by=None, status="draft", **fields):
    """An activity in any state, its history written as the workflow would."""
    agency = agency or Agency.objects.get(slug="peo-chiang-mai")
    by = by or make_staff(agency)
    defaults = {
        "title": "ปลูกต้นไม้เฉลิมพระเกียรติ",
        "activity_type": activity_type(),
        "start_date": datetime.date(2026, 7, 21),
        "venue": "โรงเรียนบ้านหนองบัว",
        "participants": 120,
        "body": "จิตอาสาร่วมกันปลูกต้นไม้\n\nและทำความสะอาดบริเวณโรงเรียน",
        "news_credit": "อานนท์ วิชานนท์",
        "photo_credit": "สมศรี ใจดี",
        "consent_confirmed": True,
    }
    defaults.update(fields)
    activity = Activity.objects.create(agency=agency, created_by=by, **defaults)
    if status == "draft":
        return activity
    coordinator = _workflow_coordinator()
    workflow.submit(activity, by=by)
    if status == "returned":
        workflow.return_to_author(activity, by=coordinator, note="โปรดเพิ่มภาพ")
    elif status in ("published", "unpublished"):
        workflow.publish(activity, by=coordinator)
        if status == "unpublished":
            workflow.unpublish(activity, by=coordinator)
    activity.refresh_from_db()
    return activity


def _workflow_coordinator():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="factory-coordinator").first()
    return user or make_coordinator("factory-coordinator")


@functools.cache  # bytes never change: each picture is encoded once per process
def image_bytes(fmt="JPEG", size=(800, 600), color=(200, 80, 40), **save_args):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_args)
    return buffer.getvalue()


def uploaded_image(name="photo.jpg", fmt="JPEG", size=(800, 600), **save_args):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(name, image_bytes(fmt, size, **save_args), content_type=content_type)


def make_photo(activity, *, is_cover=False, order=0, caption="", **fields):
    """A stored photo row without going through the pipeline (for pages and queries)."""
    photo = Photo(activity=activity, is_cover=is_cover, order=order, caption=caption, **fields)
    photo.image.save(f"t{next(_counter)}.jpg", uploaded_image(), save=False)
    photo.save()
    return photo


# The pipeline's output for each picture size, made once per test process: (photo, files).
_processed = {}


def make_processed_photo(activity, *, size=(800, 600), order=None, **fields):
    """A photo stored as the pipeline stores it: the original and every rendition on disk.

    The pipeline runs for the first photo of each size; later ones copy its files under a
    new random name, since most tests need a processed photo, not the processing.
    """
    if size not in _processed:
        photo = photos.add_photo(activity, uploaded_image(size=size), order=order, **fields)
        names = _file_names(photo)
        _processed[size] = (photo, [(n, default_storage.open(n).read()) for n in names])
        return photo
    template, files = _processed[size]
    old, new = _stem(template), secrets.token_urlsafe(16)
    folder = os.path.dirname(Photo.image.field.generate_filename(None, f"{new}.jpg"))
    stored = {
        name: default_storage.save(
            f"{folder}/{os.path.basename(name).replace(old, new)}", ContentFile(content)
        )
        for name, content in files
    }
    photo = Photo(activity=activity, **fields)
    for field in ("width", "height", "taken_at", "phash"):
        setattr(photo, field, getattr(template, field))
    photo.image.name = stored[template.image.name]
    photo.renditions = [{**r, "name": stored[r["name"]]} for r in template.renditions]
    if order is None:
        last = activity.photos.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    photo.order = order
    photo.save()
    return photo


def _file_names(photo):
    return [photo.image.name] + [r["name"] for r in photo.renditions]


def _stem(photo):
    return os.path.splitext(os.path.basename(photo.image.name))[0]


def now():
    return timezone.now()
