import math
from types import SimpleNamespace
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS

from agencies.sitemaps import AgencySitemap

from .models import Activity


class IdRangePaginator:
    """Sitemap files of `limit` consecutive ids: the number of files comes from MAX(id) and
    each file reads its id range along the primary key, so neither a COUNT(*) of every
    post nor a deep OFFSET is ever needed (a file can hold fewer posts than ids)."""

    def __init__(self, queryset, limit):
        self.queryset, self.limit = queryset, limit

    @cached_property
    def num_pages(self):
        last = self.queryset.aggregate(last=Max("pk"))["last"] or 0
        return max(1, math.ceil(last / self.limit))

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage(number)
        low = (number - 1) * self.limit
        return SimpleNamespace(
            object_list=self.queryset.filter(pk__gt=low, pk__lte=low + self.limit)
        )


class QuickSitemap(Sitemap):
    """A sitemap whose files are made fast: each item's address is made once per language
    (Sitemap._urls reverses it three times per language and item) and the file is written
    by `urlset` in one pass instead of a template loop (views.public.quick_sitemap)."""

    i18n = True
    alternates = True

    @property
    def paginator(self):
        return Paginator(self.items(), self.limit)

    def locations(self, items):
        """The items' paths in the active language."""
        return [self.location(item) for item in items]

    def get_urls(self, page=1, site=None, protocol=None):
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        items = list(self.paginator.page(page).object_list)
        paths = {}
        for lang in self._languages():
            with translation.override(lang):
                paths[lang] = self.locations(items)
        urls = []
        for index, item in enumerate(items):
            alternates = [
                {"location": prefix + paths[lang][index], "lang_code": lang} for lang in paths
            ]
            lastmod = self.lastmod(item) if callable(self.lastmod) else self.lastmod
            for alternate in alternates:
                urls.append(
                    {
                        "item": item,
                        "location": alternate["location"],
                        "lastmod": lastmod,
                        "changefreq": self.changefreq,
                        "priority": str(self.priority if self.priority is not None else ""),
                        "alternates": alternates,
                    }
                )
        return urls


class ActivitySitemap(QuickSitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 500  # ids per file: 1,000 entries with both languages, made in milliseconds

    def items(self):
        return Activity.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, activity):
        return activity.updated_at

    def get_latest_lastmod(self):
        return None  # the index would otherwise read every post for one date

    def locations(self, posts):
        """The detail address reversed once with a placeholder, then filled in and quoted
        as reverse() quotes it (a test compares the two): 500 reverse() calls cost more
        than the rest of the file."""
        pattern = reverse("activities:detail", kwargs=PLACEHOLDER)
        return [pattern.replace(PLACEHOLDER_PATH, self._path(post)) for post in posts]

    def _path(self, post):
        if not hasattr(post, "sitemap_path"):  # once for both languages
            post.sitemap_path = f"{post.pk}-{quote(post.slug, safe=REVERSE_SAFE)}"
        return post.sitemap_path


PLACEHOLDER = {"pk": 987654321, "slug": "slug-placeholder"}
PLACEHOLDER_PATH = "987654321-slug-placeholder"
REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what django.urls.resolvers leaves unquoted


class AgencyWithActivitiesSitemap(QuickSitemap, AgencySitemap):
    """The agencies, last modified when their newest published post last changed."""

    def items(self):
        newest = Activity.objects.public().filter(agency=OuterRef("pk")).in_order("date")
        return super().items().annotate(lastmod=Subquery(newest.values("updated_at")[:1]))

    def lastmod(self, agency):
        return agency.lastmod


def urlset(urls):
    """The XML of Django's sitemap.xml template, written in one pass: its template loop
    took a third of a second for the 1,000 entries of a posts file."""
    zone = timezone.get_current_timezone()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{a["lang_code"]}" '
            f'href="{escape(a["location"], QUOTES)}"/>'
            for a in url["alternates"]
        )
        lastmod = url["lastmod"]
        lastmod = f"<lastmod>{lastmod.astimezone(zone).date()}</lastmod>" if lastmod else ""
        lines.append(
            f"<url><loc>{escape(url['location'])}</loc>{lastmod}"
            f"<changefreq>{url['changefreq']}</changefreq><priority>{url['priority']}</priority>"
            f"{links}</url>"
        )
    lines.append("</urlset>\n")
    return "\n".join(lines)


QUOTES = {'"': "&quot;"}
