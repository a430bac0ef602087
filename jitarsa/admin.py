from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Jitarsa system, Ministry of Education")
admin.site.site_title = _("Jitarsa, Ministry of Education")
admin.site.index_title = _("Coordination centre")
