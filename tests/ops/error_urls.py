"""The site's URLs plus one view that fails, for the 500 page's tests."""

from django.urls import path

from jitarsa import urls as site


def fail(request):
    raise RuntimeError("a bug, not an outage")


urlpatterns = [path("fail/", fail), path("en/fail/", fail), *site.urlpatterns]
handler400, handler403 = site.handler400, site.handler403
handler404, handler500 = site.handler404, site.handler500
