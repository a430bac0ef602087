from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Jitarsa system, Ministry of Education")
admin.site.site_title = _("Jitarsa, Ministry of Education")
admin.site.index_title = _("Coordination centre")

# django-axes ships no Thai catalogue: its admin labels, marked here so that ours carries them
# (the project's catalogue takes precedence over an app's own).
AXES_LABELS = [
    _("access failure"),
    _("access failures"),
    _("access attempt"),
    _("access attempts"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("access log"),
    _("access logs"),
]

# django-axes calls its app "Axes" (shown in capitals in the admin's menu): ours in Thai.
apps.get_app_config("axes").verbose_name = _("Login lockouts")
