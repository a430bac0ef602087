from django.urls import path

from .views import public

app_name = "activities"
urlpatterns = [
    path("", public.feed, name="feed"),
    path("<int:pk>/", public.detail, name="detail_short"),
    path("<int:pk>-<str:slug>/", public.detail, name="detail"),
]
