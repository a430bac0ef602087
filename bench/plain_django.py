"""The yardstick of bench/pages.py: a plain Django project in one module, outside Jitarsa.

Django as `startproject` makes it (its default middleware, no database), answering the same
fixed 20 KB page as the project's own /bench/bare/. bench/pages.py serves it with the same
gunicorn settings as the site:

    DJANGO_SETTINGS_MODULE=bench.plain_django gunicorn 'django.core.wsgi:get_wsgi_application()'
"""

from django.http import HttpResponse
from django.urls import path

from bench.views import BARE_PAGE

SECRET_KEY = "bench-plain-django-only-bench-plain-django-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
ROOT_URLCONF = __name__
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
DATABASES = {}
USE_TZ = True


def page(request):
    return HttpResponse(BARE_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", page)]
