"""The reviewer's checks: what a photo says about itself at upload, and the flags on posts."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw

from activities import evidence, photos
from activities.models import Activity
from tests.factories import agency, make_activity, make_photo, make_staff

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
FINGERPRINT = "f0e1d2c3b4a59687"


def picture(size=(640, 480), seed=0):
    """A picture with shapes, so its fingerprint is not the flat one."""
    image = Image.new("RGB", size, (240, 240, 230))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.1, h * 0.2, w * (0.4 + seed * 0.1), h * 0.8), fill=(200, 40, 40))
    draw.rectangle((w * 0.55, h * (0.1 + seed * 0.2), w * 0.9, h * 0.6), fill=(20, 60, 160))
    return image


def jpeg(image=None, *, taken=None, offset=None, gps=False, quality=90, name="IMG_0001.jpg"):
    exif = Image.Exif()
    details = exif.get_ifd(ExifTags.IFD.Exif)
    if taken:
        details[ExifTags.Base.DateTimeOriginal] = taken
    if offset:
        details[ExifTags.Base.OffsetTimeOriginal] = offset
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (18.0, 47.0, 10.0), 3: "E", 4: (98.0, 59.0, 5.0)})
    buffer = io.BytesIO()
    (image or picture()).save(buffer, "JPEG", exif=exif, quality=quality)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def bangkok(*args):
    return timezone.make_aware(datetime.datetime(*args))


def checked(post):
    return evidence.annotate(Activity.objects.filter(pk=post.pk)).get()


def texts(post):
    return [flag.text for flag in evidence.flags(checked(post))]


def codes(post):
    return [flag.code for flag in evidence.flags(checked(post))]


# ---- at upload ------------------------------------------------------------------------
def test_capture_time_keeps_the_cameras_offset():
    taken = evidence.capture_time(jpeg(taken="2023:03:03 10:15:00", offset="+09:00"))
    assert taken == datetime.datetime(2023, 3, 3, 1, 15, tzinfo=datetime.UTC)


def test_capture_time_without_offset_is_bangkok_time():
    assert evidence.capture_time(jpeg(taken="2023:03:03 10:15:00")) == bangkok(2023, 3, 3, 10, 15)


def test_capture_time_in_the_buddhist_era_is_read_as_common_era():
    assert evidence.capture_time(jpeg(taken="2566:02:28 08:00:00")) == bangkok(2023, 2, 28, 8)


@pytest.mark.parametrize("value", ["", "0000:00:00 00:00:00", "    :  :     :  :  ", "yesterday"])
def test_capture_time_is_unknown_when_blank_or_unset(value):
    assert evidence.capture_time(jpeg(taken=value or None)) is None


def test_capture_time_of_a_photo_without_exif_is_unknown():
    buffer = io.BytesIO()
    picture().save(buffer, "PNG")
    assert evidence.capture_time(SimpleUploadedFile("a.png", buffer.getvalue())) is None


def test_fingerprint_survives_resaving_smaller_and_lower_quality():
    original = picture((1600, 1200))
    resaved = Image.open(jpeg(original.resize((640, 480)), quality=40))
    assert evidence.fingerprint(original) == evidence.fingerprint(resaved.convert("RGB"))


def test_different_pictures_have_different_fingerprints():
    assert evidence.fingerprint(picture(seed=0)) != evidence.fingerprint(picture(seed=2))


def test_a_flat_picture_has_no_fingerprint():
    assert evidence.fingerprint(Image.new("RGB", (300, 200), (9, 9, 9))) == ""


def test_upload_keeps_capture_date_and_fingerprint_but_not_gps():
    photo = photos.add_photo(make_activity(), jpeg(taken="2023:03:03 10:15:00", gps=True))
    photo.refresh_from_db()
    assert photo.taken_at == bangkok(2023, 3, 3, 10, 15)
    assert len(photo.phash) == 16
    with default_storage.open(photo.image.name) as f:
        data = f.read()
    assert b"GPS" not in data and "exif" not in Image.open(io.BytesIO(data)).info


# ---- flags -----------------------------------------------------------------------------
def test_photo_years_before_the_activity_is_flagged_with_its_thai_date():
    post = make_activity(status="submitted", start_date=datetime.date(2026, 3, 10))
    make_photo(post, taken_at=bangkok(2023, 3, 3, 10))
    assert texts(post)[0] == "ภาพถ่ายเมื่อ 3 มี.ค. 2566 — ก่อนวันกิจกรรม 3 ปี"


def test_photo_weeks_after_the_last_day_is_flagged():
    post = make_activity(
        status="submitted",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 12),
    )
    make_photo(post, taken_at=bangkok(2026, 4, 2, 9))
    assert texts(post)[0] == "ภาพถ่ายเมื่อ 2 เม.ย. 2569 — หลังวันกิจกรรม 21 วัน"


def test_photos_within_a_week_of_the_activity_are_not_flagged():
    post = make_activity(status="submitted", start_date=datetime.date(2026, 3, 10))
    make_photo(post, taken_at=bangkok(2026, 3, 3, 0, 5))
    make_photo(post, taken_at=bangkok(2026, 3, 17, 23, 55))
    assert "photo_dates" not in codes(post)


def test_the_day_is_bangkoks_not_utcs():
    # 17 March 23:30 in Bangkok is still 17 March (16:30 UTC): within the week.
    post = make_activity(status="submitted", start_date=datetime.date(2026, 3, 10))
    make_photo(post, taken_at=datetime.datetime(2026, 3, 17, 16, 30, tzinfo=datetime.UTC))
    assert "photo_dates" not in codes(post)


def test_post_whose_photos_all_lack_a_date_is_flagged():
    post = make_activity(status="submitted")
    make_photo(post)
    make_photo(post)
    assert "no_photo_dates" in codes(post)


def test_one_dated_photo_is_enough():
    post = make_activity(status="submitted", start_date=datetime.date(2026, 7, 21))
    make_photo(post)
    make_photo(post, taken_at=bangkok(2026, 7, 21, 9))
    assert "no_photo_dates" not in codes(post)


def test_same_photo_on_another_post_is_flagged_with_a_link_to_it():
    earlier = make_activity(agency("peo-lamphun"), status="published", title="ทาสีรั้ว")
    make_photo(earlier, phash=FINGERPRINT)
    post = make_activity(status="submitted", title="เก็บขยะริมน้ำ")
    make_photo(post, phash=FINGERPRINT)
    (flag,) = [f for f in evidence.flags(checked(post)) if f.code == "same_photo"]
    assert flag.other_post == earlier.pk


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_same_photo_on_a_draft_or_archived_post_is_not_flagged(status):
    other = make_activity(status="published" if status == "archived" else "draft", title="ก")
    if status == "archived":
        other.archived_at = timezone.now()
        other.save()
    make_photo(other, phash=FINGERPRINT)
    post = make_activity(status="submitted", title="ข")
    make_photo(post, phash=FINGERPRINT)
    assert "same_photo" not in codes(post)


def test_same_agency_same_day_similar_title_is_flagged():
    first = make_activity(status="published", title="ปลูกต้นไม้เฉลิมพระเกียรติ")
    post = make_activity(status="submitted", title="ปลูกต้นไม้เฉลิมพระเกียรติ ร.10")
    (flag,) = [f for f in evidence.flags(checked(post)) if f.code == "similar_post"]
    assert flag.other_post == first.pk


def test_partner_posting_the_same_activity_is_flagged():
    lamphun = agency("peo-lamphun")
    joint = make_activity(status="published", title="ปลูกต้นไม้เฉลิมพระเกียรติ")
    joint.partners.add(lamphun)
    post = make_activity(lamphun, status="submitted", title="ปลูกต้นไม้เฉลิมพระเกียรติ")
    assert "similar_post" in codes(post)


@pytest.mark.parametrize(
    "other",
    [
        {"title": "ทาสีรั้วโรงเรียน"},
        {"start_date": datetime.date(2026, 8, 1)},
        {"agency": "peo-lamphun"},
    ],
    ids=["other title", "other day", "other agency"],
)
def test_different_title_day_or_agency_is_not_a_duplicate(other):
    fields = {"title": "ปลูกต้นไม้เฉลิมพระเกียรติ", **other}
    make_activity(agency(fields.pop("agency", "peo-chiang-mai")), status="published", **fields)
    post = make_activity(status="submitted", title="ปลูกต้นไม้เฉลิมพระเกียรติ")
    assert "similar_post" not in codes(post)


def test_missing_alt_text_credits_and_children_are_listed():
    post = make_activity(status="submitted", photo_credit="", minors_pictured=True)
    make_photo(post, alt_text="นักเรียนปลูกต้นไม้")
    make_photo(post)
    assert texts(post)[-3:] == [
        "มีภาพเด็กอายุต่ำกว่า 18 ปี: ตรวจสอบความยินยอม",
        "ภาพ 1 ภาพไม่มีคำบรรยายภาพสำหรับผู้พิการทางสายตา",
        "ไม่มีเครดิต: ภาพ",
    ]


def test_a_careful_post_has_no_flags():
    post = make_activity(status="submitted", start_date=datetime.date(2026, 7, 21))
    make_photo(post, alt_text="นักเรียนปลูกต้นไม้", taken_at=bangkok(2026, 7, 21, 9))
    assert texts(post) == []


def test_filter_by_a_check_finds_only_the_failing_posts():
    careful = make_activity(status="submitted", start_date=datetime.date(2026, 7, 21))
    make_photo(careful, alt_text="ภาพ", taken_at=bangkok(2026, 7, 21, 9))
    old = make_activity(status="submitted", start_date=datetime.date(2026, 7, 21), title="อื่น")
    make_photo(old, alt_text="ภาพ", taken_at=bangkok(2023, 7, 21, 9))
    found = evidence.flagged(evidence.annotate(Activity.objects.all()), "photo_dates")
    assert list(found) == [old]


# ---- the staff preview ------------------------------------------------------------------
def test_staff_preview_shows_the_checks_before_submitting(client):
    staff = make_staff(agency("peo-chiang-mai"))
    post = make_activity(by=staff, start_date=datetime.date(2026, 3, 10))
    make_photo(post, alt_text="ภาพ", taken_at=bangkok(2023, 3, 3, 10))
    client.force_login(staff)
    page = client.get(reverse("staff:preview", args=[post.pk])).content.decode()
    assert "ควรตรวจสอบก่อนส่ง" in page
    assert "ภาพถ่ายเมื่อ 3 มี.ค. 2566 — ก่อนวันกิจกรรม 3 ปี" in page
