from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from activities import cache, feeds
from activities.sitemaps import ActivitySitemap, AgencyWithActivitiesSitemap
from activities.views import public as activity_pages
from jitarsa.sitemaps import ViewSitemap
from opendata import views as opendata_views
from pages.sitemaps import PageSitemap
from pages.views import robots_txt

# The site's own error pages, Thai first, drawn without the database (jitarsa/errors.py).
handler400 = "jitarsa.errors.bad_request"
handler403 = "jitarsa.errors.permission_denied"
handler404 = "jitarsa.errors.page_not_found"
handler500 = "jitarsa.errors.server_error"

sitemaps = {
    "static": ViewSitemap(["pages:home", "agencies:directory", "opendata"]),
    "public": ViewSitemap(["activities:feed", "stats"]),
    "agencies": AgencyWithActivitiesSitemap,
    "pages": PageSitemap,
    "activities": ActivitySitemap,
}

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    # An index of sitemap files: 100,000 posts in two languages outgrow one file.
    path(
        "sitemap.xml",
        cache.public_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    # Sections that grow with the site are written by a faster view of their own.
    path("sitemap-activities.xml", activity_pages.quick_sitemap, {"sitemap": ActivitySitemap}),
    path(
        "sitemap-agencies.xml",
        activity_pages.quick_sitemap,
        {"sitemap": AgencyWithActivitiesSitemap},
    ),
    path(
        "sitemap-<section>.xml",
        cache.public_page(sitemap_views.sitemap, reads=["p"]),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    # Feeds in Thai, at short stable addresses readers subscribe to.
    path("feed/", feeds.latest, name="feed_rss"),
    path("feed/atom/", feeds.latest_atom, name="feed_atom"),
    path("feed/types/<slug:slug>/", feeds.activity_type, name="type_feed_rss"),
    path("feed/types/<slug:slug>/atom/", feeds.activity_type_atom, name="type_feed_atom"),
    # Open data files: one address whatever the language (the page is below, in both).
    path("opendata/", include("opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/reports/", include("reports.urls")),
    path("admin/accounts/import/", include("accounts.admin_urls")),
    path("line/", include("line.urls")),
    path("admin/", admin.site.urls),
]

# Thai pages live at /, English at /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("activities/", include("activities.urls")),
    path("agencies/", include("activities.agency_urls")),
    path("staff/", include("activities.staff_urls")),
    path("stats/", activity_pages.statistics, name="stats"),
    path("stats/<slug:table>.csv", activity_pages.statistics_csv, name="stats_csv"),
    path("opendata/", opendata_views.index, name="opendata"),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA and not settings.MEDIA_URL.startswith(("http://", "https://")):
    from django.views.static import serve

    def serve_media(request, path):
        # Stored names are random (activities/photos/storing.py), never a path a user chose; `serve`
        # refuses anything outside MEDIA_ROOT, read per request so it may change in tests.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.+)$", serve_media))
