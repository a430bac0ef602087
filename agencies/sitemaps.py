from django.contrib.sitemaps import Sitemap

from .models import Agency


class AgencySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = True
    alternates = True

    def items(self):
        return Agency.objects.active().order_by("pk")
