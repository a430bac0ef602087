"""The site's URLs plus media served as DEBUG serves them (production: docs/security.md)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from jitarsa.urls import urlpatterns as site_patterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_patterns,
]
