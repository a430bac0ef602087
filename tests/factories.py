"""Small builders of valid objects, one line each in a test."""

import datetime
import io
import itertools

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from activities import workflow
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


def now():
    return timezone.now()
