from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


class StaticViewSitemap(Sitemap):
    priority = 0.8
    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self):
        return ["pages:home", "agencies:directory", "opendata"]

    def location(self, name):
        return reverse(name)
