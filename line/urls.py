from django.urls import path

from . import webhook

app_name = "line"
urlpatterns = [path("webhook/", webhook.webhook, name="webhook")]
