"""The site's URLs with the fixed 20 KB page bench/pages.py compares every page with."""

from django.urls import path

from bench.views import bare_page
from jitarsa.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path("bench/bare/", bare_page), *urlpatterns]
