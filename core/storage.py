"""Where uploaded photos live, chosen by MEDIA_STORAGE: `local` (MEDIA_ROOT) or `s3`.

`s3` is any S3-compatible object store through django-storages (AWS S3, MinIO, Ceph,
Cloudflare R2, ...); every web process then sees the same files, so the app keeps no
state on its own disk.
"""

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage(env):
    kind = env.str("MEDIA_STORAGE", default="local").lower()
    if kind == "local":
        return LOCAL
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}.")
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "location": env.str("AWS_LOCATION", default=""),
        # Photos are public once published; a CDN in front serves them without signatures.
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}


def session_engine(env):
    kind = env.str("SESSION_STORE", default="db").lower()
    if kind not in SESSION_ENGINES:
        raise ImproperlyConfigured(f"SESSION_STORE must be one of {', '.join(SESSION_ENGINES)}.")
    return SESSION_ENGINES[kind]
