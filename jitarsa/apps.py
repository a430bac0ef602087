from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class JitarsaConfig(AppConfig):
    name = "jitarsa"
    verbose_name = _("Jitarsa portal")

    def ready(self):
        # SQLite makes its file but not its folder (var/ of a fresh checkout, by default).
        database = settings.DATABASES["default"]
        if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] != ":memory:":
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
