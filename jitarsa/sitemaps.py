from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ViewSitemap(Sitemap):
    """Pages known by their URL name alone (home, directory, feed, statistics…), in Thai
    and English, changing daily."""

    priority = 0.8
    changefreq = "daily"
    i18n = True
    alternates = True

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)
