"""The data files (one address each, whatever the reader's language): the whole datasets
built by the worker (.csv, .xlsx, .full.json) and the JSON pages; the page itself is under
the language prefixes in jitarsa/urls.py."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("catalog.jsonld", views.catalogue, name="catalog"),
    path("<slug:slug>.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("<slug:slug>.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("<slug:slug>.full.json", views.download, {"fmt": "json"}, name="full-json"),
    path("<slug:slug>.json", views.json_file, name="json"),
    path("schema/<slug:slug>.json", views.schema, name="schema"),
]
