from django.urls import path

from .views import drafts, staff

app_name = "staff"
urlpatterns = [
    path("", staff.activity_list, name="list"),
    path("new/", staff.create, name="create"),
    path("help/", staff.help_page, name="help"),
    path("<int:pk>/edit/", staff.edit, name="edit"),
    path("<int:pk>/preview/", staff.preview, name="preview"),
    path("<int:pk>/submit/", staff.submit, name="submit"),
    # upload.js, in the background: JSON in and out.
    path("drafts/", drafts.start, name="start_draft"),
    path("<int:pk>/autosave/", drafts.autosave, name="autosave"),
    path("<int:pk>/photos/", drafts.add_photo, name="add_photo"),
]
