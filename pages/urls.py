from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("site-map/", views.site_map, name="site_map"),
    path("pages/<slug:slug>/", views.page, name="page"),
]
