from django.urls import path

from .views import staff

app_name = "staff"
urlpatterns = [
    path("", staff.activity_list, name="list"),
    path("new/", staff.create, name="create"),
    path("help/", staff.help_page, name="help"),
    path("<int:pk>/edit/", staff.edit, name="edit"),
    path("<int:pk>/preview/", staff.preview, name="preview"),
    path("<int:pk>/submit/", staff.submit, name="submit"),
]
