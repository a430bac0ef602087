"""The picture link previews show: 1200x630, cut from the middle of the cover."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from activities import photos
from tests.factories import make_activity, uploaded_image


def marked(size):
    """Blue, with a red square in the middle (the subject)."""
    image = Image.new("RGB", size, (0, 0, 255))
    w, h = size
    image.paste((255, 0, 0), (w // 2 - 100, h // 2 - 100, w // 2 + 100, h // 2 + 100))
    return image


@pytest.mark.parametrize("size", [(1600, 1067), (1000, 2000), (2560, 1000), (640, 480)])
def test_share_picture_is_1200_by_630_with_the_middle_kept(size):
    shared = photos.share_rendition(marked(size))
    assert shared.size == (1200, 630)
    assert shared.getpixel((600, 315)) == (255, 0, 0)


@pytest.mark.django_db
def test_add_photo_stores_the_share_picture_beside_the_renditions():
    photo = photos.add_photo(make_activity(), uploaded_image(size=(1600, 1200)), is_cover=True)
    share = photo.share_image()
    assert (share.width, share.height) == (1200, 630)
    with default_storage.open(share.name) as f, Image.open(f) as stored:
        assert stored.size == (1200, 630) and stored.format == "JPEG"


@pytest.mark.django_db
def test_share_picture_is_not_offered_in_srcset():
    photo = photos.add_photo(make_activity(), uploaded_image(size=(1600, 1200)))
    assert [p.width for p in photo.sizes()] == [320, 640, 1280]


@pytest.mark.django_db
def test_stored_photo_knows_its_size():
    photo = photos.add_photo(make_activity(), uploaded_image(size=(1600, 1200)))
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1600, 1200)
