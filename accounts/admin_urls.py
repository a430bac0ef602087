"""The staff import, inside the admin at /admin/accounts/import/."""

from django.urls import path

from . import import_views

app_name = "staff_import"
urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("template.xlsx", import_views.template, name="template"),
    path("<int:pk>/", import_views.preview, name="preview"),
]
