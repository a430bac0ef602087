"""The agencies' public pages (/agencies/). An agency's page and feeds list its posts, so
they live with the posts' views; the directory is the agencies app's own."""

from django.urls import path

from agencies.views import directory

from . import feeds
from .views import public

app_name = "agencies"
urlpatterns = [
    path("", directory, name="directory"),
    path("<slug:slug>/", public.agency, name="detail"),
    path("<slug:slug>/feed/", feeds.agency, name="feed_rss"),
    path("<slug:slug>/feed/atom/", feeds.agency_atom, name="feed_atom"),
]
