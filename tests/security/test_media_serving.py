"""Stored photos are served as images with nosniff and the CSP, under names nobody chose."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.photos import add_photo
from tests.factories import image_bytes, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    upload = SimpleUploadedFile("../../etc/passwd<script>.jpg", image_bytes(), "image/jpeg")
    return add_photo(make_activity(), upload)


def test_stored_names_are_random_and_never_the_uploaders(photo):
    names = [photo.image.name] + [r["name"] for r in photo.renditions]
    for name in names:
        assert re.fullmatch(
            r"photos/\d{4}/\d{2}/[A-Za-z0-9_-]{22}(-\d+|-share)?\.(jpg|webp)", name
        ), name
    assert "passwd" not in photo.image.name


def test_photos_are_served_as_images_with_nosniff_and_csp(client, photo):
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    rendition = client.get("/media/" + photo.renditions[0]["name"])
    assert rendition["Content-Type"] == "image/webp"
    assert rendition["X-Content-Type-Options"] == "nosniff"


def test_media_outside_the_photo_folder_is_not_served(client, photo):
    for path in ("/media/../manage.py", "/media/%2e%2e/manage.py", "/media/photos/../../.env"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert b"DJANGO_SETTINGS_MODULE" not in response.content
