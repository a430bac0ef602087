"""The committee's report as an A4 PDF, typeset by WeasyPrint from templates/reports/pdf/.

WeasyPrint shapes text with HarfBuzz through Pango, and Pango breaks Thai lines between
words with libthai's dictionary (Debian's libpango-1.0-0 depends on libthai0), so the
HTML needs no zero-width spaces. Those libraries come from the system (see the README);
without them `available()` is False and the report page says so instead of failing.

The font is Sarabun from the `fontpkg-sarabun` package (PyPI), loaded with @font-face from
the installed files. The document fetches nothing from the network: `fetch` serves only
the font files and the photos from our own storage and refuses everything else.
"""

import functools
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import ImageFile

from activities import provincemap
from agencies.models import Agency

from . import charts, queries, tables

log = logging.getLogger(__name__)
UNAVAILABLE_MESSAGE = gettext_lazy(
    "The PDF report cannot be made on this server: the typesetting libraries are not "
    "installed (apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0). "
    "The tables and the CSV/XLSX downloads work as usual."
)
FONT_WEIGHTS = (400, 600, 700)
PHOTO_WIDTH = 1000  # px: a rendition sharp enough for half a page of A4
MEDIA_SCHEME = "jitarsa-media:"


@functools.cache
def _weasyprint():
    """The module, or None when its system libraries (Pango, HarfBuzz) are missing."""
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is
    # imported; the photo pipeline in the same process must keep refusing cut-off uploads.
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint
        import weasyprint.images  # noqa: F401  (the module that flips the setting)
    except (ImportError, OSError) as error:  # OSError: "cannot load library 'libpango-1.0-0'"
        log.warning("PDF reports unavailable: %s", error)
        return None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return weasyprint


def available():
    return _weasyprint() is not None


@functools.cache
def fonts():
    """[(weight, file URI)] of Sarabun as installed by pip."""
    import fontpkg

    return [(weight, fontpkg.path("Sarabun", weight).as_uri()) for weight in FONT_WEIGHTS]


def _font_files():
    return {uri for _weight, uri in fonts()}


def _fetcher():
    """WeasyPrint's URL fetcher limited to our fonts and stored photos: never the network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in _font_files():
                return super().fetch(url, headers)
            if url.startswith(MEDIA_SCHEME):
                with default_storage.open(url.removeprefix(MEDIA_SCHEME)) as f:
                    return URLFetcherResponse(url, f.read())
            raise ValueError(f"the report loads no outside resource ({url[:80]})")

    return Fetcher(allowed_protocols={"file", MEDIA_SCHEME.rstrip(":")})


def photo_source(activity):
    cover = activity.cover
    picture = cover.pick(PHOTO_WIDTH) if cover else None
    return f"{MEDIA_SCHEME}{picture.name}" if picture and picture.name else ""


def context(period, *, picked=None, thai_digits=False):
    totals = queries.totals(period)
    missing = tables.missing(period)
    agency_count = Agency.objects.active().count()
    featured = queries.featured(period, picked)
    feed_link = provincemap.feed_link(date_from=period.start, date_to=period.end)
    province_map = provincemap.build(
        queries.per_province(period),
        title=_("Activities by province, %(period)s") % {"period": period.label},
        link=lambda province: settings.SITE_URL + feed_link(province),
    )
    return {
        "period": period,
        "made": timezone.localdate(),
        "totals": totals,
        "agency_count": agency_count,
        "reported": agency_count - len(missing.rows),
        "groups": tables.groups(period),
        "agencies": tables.agencies(period, totals),
        "missing": missing,
        "chart": charts.trend(queries.monthly_trend(period)),
        "map": province_map,
        "featured": [(a, photo_source(a)) for a in featured],
        "fonts": fonts(),
        "digits": "thai" if thai_digits else "arabic",
        "site_url": settings.SITE_URL,
    }


def html(period, **options):
    return render_to_string("reports/pdf/report.html", context(period, **options))


def render(period, **options):
    """The PDF's bytes. Raises Unavailable when the system libraries are missing."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise Unavailable
    document = weasyprint.HTML(string=html(period, **options), url_fetcher=_fetcher())
    return document.write_pdf()


class Unavailable(RuntimeError):
    pass
