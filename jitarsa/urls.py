from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from agencies.sitemaps import AgencySitemap
from pages.sitemaps import PageSitemap, StaticViewSitemap
from pages.views import robots_txt

sitemaps = {"static": StaticViewSitemap, "agencies": AgencySitemap, "pages": PageSitemap}

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Thai pages live at /, English at /en/.
urlpatterns += i18n_patterns(
    path("activities/", include("activities.urls")),
    path("agencies/", include("agencies.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
