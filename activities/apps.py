from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        # Connect the public-cache invalidation and the e-mails after workflow steps.
        from . import notifications, signals  # noqa: F401
