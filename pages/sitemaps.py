from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3
    i18n = True
    alternates = True

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at
