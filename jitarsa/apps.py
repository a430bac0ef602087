from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JitarsaConfig(AppConfig):
    name = "jitarsa"
    verbose_name = _("Jitarsa portal")
