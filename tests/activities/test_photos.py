"""The photo pipeline, from a phone's files to what is stored, and refusals in the form."""

import io

import pillow_heif
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from activities import photos
from activities.models import Activity, Photo
from activities.photos import storing
from tests.factories import image_bytes, make_activity, make_photo, uploaded_image

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def phone_jpeg(size=(400, 200), orientation=6):
    """A JPEG as phones write it: pixels stored sideways, EXIF orientation and GPS."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (18.0, 47.0, 10.0), 3: "E", 4: (98.0, 59.0, 5.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def heic(size=(640, 480)):
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, (10, 160, 90))).save(buffer, format="HEIF")
    return SimpleUploadedFile("IMG_0002.HEIC", buffer.getvalue(), content_type="image/heic")


def stored_files(photo):
    return [photo.image.name] + [r["name"] for r in photo.renditions]


def test_exif_orientation_is_applied():
    photo = photos.add_photo(make_activity(), phone_jpeg(size=(400, 200), orientation=6))
    with default_storage.open(photo.image.name) as f:
        assert Image.open(f).size == (200, 400)
    assert (photo.width, photo.height) == (200, 400)


def test_gps_is_stripped_from_every_stored_file():
    photo = photos.add_photo(make_activity(), phone_jpeg())
    assert len(stored_files(photo)) >= 2
    for name in stored_files(photo):
        with default_storage.open(name) as f:
            data = f.read()
        image = Image.open(io.BytesIO(data))
        assert GPS_IFD not in image.getexif()
        assert "exif" not in image.info
        assert b"GPS" not in data


def test_heic_from_an_iphone_is_accepted():
    photo = photos.add_photo(make_activity(), heic())
    assert (photo.width, photo.height) == (640, 480)
    assert all(default_storage.exists(name) for name in stored_files(photo))


def test_a_16_bit_grey_png_keeps_its_grey():
    buffer = io.BytesIO()
    Image.new("I;16", (64, 48), 32768).save(buffer, "PNG")  # mid grey of 0–65535
    upload = SimpleUploadedFile("scan.png", buffer.getvalue(), content_type="image/png")
    image = photos.normalize(photos.open_upload(upload))
    assert image.mode == "RGB"
    assert all(abs(channel - 128) <= 1 for channel in image.getpixel((32, 24)))


def test_renditions_are_webp_smallest_first():
    photo = photos.add_photo(make_activity(), uploaded_image(size=(2000, 1500)))
    assert [r["width"] for r in photo.renditions if "crop" not in r] == [320, 640, 1280]
    with default_storage.open(photo.renditions[0]["name"]) as f:
        assert Image.open(f).format == "WEBP"


def test_original_is_scaled_to_2560_px():
    photo = photos.add_photo(make_activity(), uploaded_image("big.png", "PNG", size=(3000, 1000)))
    assert max(photo.width, photo.height) == 2560


def test_stored_names_are_random_not_the_uploaders():
    photo = photos.add_photo(make_activity(), phone_jpeg())
    assert "IMG_0001" not in photo.image.name


def pdf():
    return SimpleUploadedFile("scan.jpg", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n" * 20)


def truncated():
    data = image_bytes(size=(800, 600))
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 3], content_type="image/jpeg")


def bomb():
    # 8000 x 7000 = 56 megapixels of one colour: a few hundred KB of PNG.
    return SimpleUploadedFile("huge.png", image_bytes("PNG", size=(8000, 7000)))


def too_heavy():
    return SimpleUploadedFile("heavy.jpg", b"\xff\xd8\xff\xe0" + b"\0" * (21 * 1024 * 1024))


def svg():
    return SimpleUploadedFile("logo.jpg", b'<?xml version="1.0"?><svg xmlns="x"></svg>')


BAD_FILES = [
    (pdf, "scan.jpg", "is a PDF document, not a photo"),
    (truncated, "cut.jpg", "is damaged or incomplete"),
    (bomb, "huge.png", "at most 50 megapixels"),
    (too_heavy, "heavy.jpg", "at most 20 MB"),
    (svg, "logo.jpg", "is a drawing or web page, not a photo"),
]


@pytest.mark.parametrize(("make", "name", "reason"), BAD_FILES)
def test_pipeline_refuses_bad_file_naming_it(make, name, reason):
    activity = make_activity()
    with translation.override("en"), pytest.raises(photos.PhotoRejected) as refused:
        photos.add_photo(activity, make())
    assert name in str(refused.value)
    assert reason in str(refused.value)
    assert not activity.photos.exists()


@pytest.mark.parametrize(("make", "name", "reason"), BAD_FILES)
def test_form_reports_bad_file_and_keeps_text_and_good_photo(
    client, staff_a, post_data, make, name, reason
):
    client.force_login(staff_a)
    with translation.override("en"):
        url = reverse("staff:create")
    files = [uploaded_image("good.jpg"), make()]
    response = client.post(url, {**post_data, "new_photos": files}, follow=True)
    page = response.content.decode()
    assert name in page
    assert reason in page
    post = Activity.objects.get()
    assert post.title == post_data["title"]
    assert post.photos.count() == 1
    assert 'value="ทาสีรั้วโรงเรียน"' in page  # the edit form shows the typed title


def test_refused_photo_stops_submission(client, staff_a, post_data):
    client.force_login(staff_a)
    data = {**post_data, "action": "submit", "new_photos": [pdf()]}
    client.post(reverse("staff:create"), data)
    assert Activity.objects.get().status == "draft"


def test_more_than_thirty_photos_are_refused_by_name(client, staff_a, agency_a):
    post = make_activity(agency_a)
    for number in range(30):
        photos.add_photo(post, uploaded_image(f"p{number}.jpg", size=(32, 32)))
    with pytest.raises(photos.PhotoRejected) as refused:
        photos.add_photo(post, uploaded_image("extra.jpg", size=(32, 32)))
    assert "extra.jpg" in str(refused.value)


def test_a_photo_that_finds_the_post_filled_meanwhile_is_refused_in_thai(monkeypatch):
    post = make_activity()
    for n in range(Photo.MAX_PER_ACTIVITY - 1):
        make_photo(post, order=n)
    decode = storing.normalize

    def while_decoding_another_upload_lands(image):
        make_photo(post, order=99)
        return decode(image)

    monkeypatch.setattr(storing, "normalize", while_decoding_another_upload_lands)
    with translation.override("th"), pytest.raises(photos.PhotoRejected) as refused:
        photos.add_photo(post, uploaded_image("late.jpg"))
    assert str(refused.value) == "ไม่ได้เพิ่ม “late.jpg” เพราะโพสต์หนึ่งมีภาพได้ไม่เกิน 30 ภาพ"
    assert post.photos.count() == Photo.MAX_PER_ACTIVITY
