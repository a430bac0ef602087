"""The yardstick of bench/pages.py: a plain Django project in one module, outside Jitarsa.

Django as `startproject` makes it (its default middleware), answering the same fixed 20 KB
page as the project's own /bench/bare/, and /bench/orm/: the newest 20 of the bench's
published posts read through the ORM (one query, five columns, no joins) and written by a
template loop into that page, the least a Django page built from the database costs (both
in bench/plain_urls.py).
bench/pages.py serves it with the same gunicorn settings as the site:

    DJANGO_SETTINGS_MODULE=bench.plain_django gunicorn 'django.core.wsgi:get_wsgi_application()'
"""

import os
from urllib.parse import urlsplit

SECRET_KEY = "bench-plain-django-only-bench-plain-django-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
ROOT_URLCONF = "bench.plain_urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
_DATABASE = urlsplit(os.environ.get("DATABASE_URL", ""))
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _DATABASE.path.lstrip("/"),
        "USER": _DATABASE.username or "",
        "HOST": _DATABASE.hostname or "",
        "PORT": _DATABASE.port or "",
        "CONN_MAX_AGE": 60,
    }
}
USE_TZ = True
TIME_ZONE = "Asia/Bangkok"
