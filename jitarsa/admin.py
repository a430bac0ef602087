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

# django-q2 ships no Thai catalogue either: what coordinators see of the worker's tables.
DJANGO_Q_LABELS = [
    _("Successful task"),
    _("Successful tasks"),
    _("Failed task"),
    _("Failed tasks"),
    _("Scheduled task"),
    _("Scheduled tasks"),
    _("Queued task"),
    _("Queued tasks"),
    _("Name"),
    _("Function"),
    _("Arguments"),
    _("Keyword arguments"),
    _("Result"),
    _("Started at"),
    _("Stopped at"),
    _("Success"),
    _("Attempt count"),
    _("Schedule Type"),
    _("How often this task should be enqueued."),
    _("Minutes"),
    _("Number of minutes for the Minutes type"),
    _("Repeats"),
    _("n = n times, -1 = forever"),
    _("Next Run"),
    _("When this schedule runs next (stored in UTC)."),
    _("Optional label to identify this schedule in the admin."),
    _("Once"),
    _("Hourly"),
    _("Daily"),
    _("Weekly"),
    _("Biweekly"),
    _("Monthly"),
    _("Bimonthly"),
    _("Quarterly"),
    _("Yearly"),
    _("success"),
    _("last_run"),
    _("Time Taken"),
    _("Short result"),
]
