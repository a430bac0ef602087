from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report, name="report"),
    path("export/<slug:slug>.csv", views.export_csv, name="csv"),
    path("export.xlsx", views.export_xlsx, name="xlsx"),
    path("report.pdf", views.export_pdf, name="pdf"),
    path("remind/", views.remind, name="remind"),
]
