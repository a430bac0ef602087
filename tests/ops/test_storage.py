import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from core.storage import media_storage, session_engine

NAMES = ("MEDIA_STORAGE", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "SESSION_STORE")


def env_with(monkeypatch, **values):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return environ.Env()


def test_photos_stay_on_the_local_disk_by_default(monkeypatch):
    storage = media_storage(env_with(monkeypatch))
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_media_storage_s3_uses_django_storages_with_the_bucket_and_endpoint(monkeypatch):
    env = env_with(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="jitarsa-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.go.th",
    )
    storage = media_storage(env)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "jitarsa-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.go.th"
    assert storage["OPTIONS"]["file_overwrite"] is False


def test_the_s3_storage_builds_with_those_options(monkeypatch):
    from django.core.files.storage.handler import StorageHandler

    env = env_with(monkeypatch, MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="jitarsa-media")
    storage = StorageHandler({"default": media_storage(env)})["default"]
    assert storage.bucket_name == "jitarsa-media"
    assert storage.url("activities/a.jpg").endswith("/activities/a.jpg")


def test_s3_without_a_bucket_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        media_storage(env_with(monkeypatch, MEDIA_STORAGE="s3"))


def test_an_unknown_media_storage_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        media_storage(env_with(monkeypatch, MEDIA_STORAGE="ftp"))


def test_sessions_in_the_database_by_default_or_in_the_cache(monkeypatch):
    assert session_engine(env_with(monkeypatch)) == "django.contrib.sessions.backends.db"
    cache = session_engine(env_with(monkeypatch, SESSION_STORE="cache"))
    assert cache == "django.contrib.sessions.backends.cache"
