from django.urls import path

from activities import feeds

from . import views

app_name = "agencies"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/feed/", feeds.agency, name="feed_rss"),
    path("<slug:slug>/feed/atom/", feeds.agency_atom, name="feed_atom"),
]
