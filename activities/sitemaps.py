from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q

from agencies.sitemaps import AgencySitemap

from .models import Activity
from .workflow import Status


class ActivitySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    i18n = True
    alternates = True
    limit = 5000  # x2 languages: well under the 50,000 URLs a sitemap file may hold

    def items(self):
        return Activity.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at


class AgencyWithActivitiesSitemap(AgencySitemap):
    """The agencies, last modified when their newest published post last changed."""

    def items(self):
        published = Q(activities__status=Status.PUBLISHED, activities__archived_at__isnull=True)
        return super().items().annotate(lastmod=Max("activities__updated_at", filter=published))

    def lastmod(self, agency):
        return agency.lastmod
