"""The data files (one address each, whatever the reader's language); the page itself is
under the language prefixes in jitarsa/urls.py."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("catalog.jsonld", views.catalogue, name="catalog"),
    path("<slug:slug>.csv", views.csv_file, name="csv"),
    path("<slug:slug>.json", views.json_file, name="json"),
    path("schema/<slug:slug>.json", views.schema, name="schema"),
]
