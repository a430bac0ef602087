"""The public pages: the feed with its filters, one activity, an agency's page (its posts:
the agencies app knows nothing of posts), and the statistics."""

import functools

from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import condition

from agencies.models import Agency
from core.siteurl import site_url
from core.thaidate import BE_OFFSET

from .. import cache, cards, figures, pagination, sharing, sitemaps, stats
from ..filters import ActivityFilter, form_fields
from ..models import Activity, Photo

PAGE_SIZE = 20


def paginate(request, queryset):
    """Numbered pages with an exact count, for the signed-in staff lists (the public lists
    use activities.pagination, which never counts past 1,000)."""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.elided = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page


@cache.public_page(reads={*ActivityFilter.base_filters, *pagination.READS})
def feed(request):
    filterset = ActivityFilter(request.GET or None, queryset=Activity.objects.public())
    page = pagination.paginate(request, filterset.qs, filterset.order, whole=not filterset.narrows)
    context = {
        "filter": filterset,
        "fields": form_fields(filterset),
        "page_obj": page,
        "cards": cards.render(page, eager_first=True),
    }
    return render(request, "activities/feed.html", context)


@cache.public_page
def detail(request, pk, slug=""):
    activity = get_object_or_404(
        Activity.objects.public().select_related("agency", "activity_type", "province"), pk=pk
    )
    if slug != activity.slug:
        return redirect(activity, permanent=True)
    return render(request, "activities/detail.html", page_context(activity, site_url(request)))


@cache.public_page(reads=pagination.READS)
def agency(request, slug):
    agency = Agency.objects.active().select_related("parent", "province").filter(slug=slug).first()
    if agency is None:
        successor = Agency.objects.successor_of(slug)
        if successor is None or not successor.is_active or successor.slug == slug:
            raise Http404
        return redirect(successor, permanent=True)  # merged into another agency
    published = Activity.objects.public().involving(agency)
    totals = cache.kept("agency-totals", functools.partial(figures.totals, published), agency.pk)
    page = pagination.paginate(request, published, count=totals["activities"])
    cover_pk = next((row.cover_pk for row in page if row.cover_pk), None)
    cover = (
        Photo.objects.filter(pk=cover_pk).select_related("activity").first() if cover_pk else None
    )
    context = {
        "agency": agency,
        "children": agency.children.active().select_related("province"),
        "former_names": list(agency.former_names_shown()),
        "page_obj": page,
        "cards": cards.render(page, level=3, eager_first=True),
        "totals": totals,
        **_agency_map(agency),
        "card": sharing.agency_card(agency, cover, site_url(request)),
    }
    return render(request, "agencies/detail.html", context)


def _agency_map(agency):
    """The agency page's map, drawn only when no fragment is kept for what it shows
    (agencies/detail.html): its counts (kept per content version) and the directory's
    names. A post outside what the map shows leaves it as it is."""
    year = stats.this_year()

    def counted():
        return stats.agency_map_counts(agency, year)

    counts = cache.kept("agency-map", counted, agency.pk, year)
    return {
        "map": SimpleLazyObject(lambda: stats.agency_map(agency, year, counts)),
        "map_shows": cache.digest(year, counts, cache.directory_version()),
        "map_kept_for": stats.AGENCY_MAP_KEPT,
    }


def page_context(activity, base=None):
    """What an activity's page shows (the staff preview shows the same); `base` is the
    site's address for absolute links (core.siteurl)."""
    photos = activity.page_photos()
    others = Activity.objects.public().involving(activity.agency).exclude(pk=activity.pk)
    return {
        "activity": activity,
        "photos": photos,
        "partners": list(activity.partners.all()),
        "others": cards.render(others.card_rows()[:4], level=3),
        "card": sharing.activity_card(activity, photos, base),
    }


def _stats_year(request):
    try:
        year = int(request.GET.get("year", "")) - BE_OFFSET
    except ValueError:
        return stats.this_year()
    return year if 2000 <= year <= stats.this_year() + 1 else stats.this_year()


@cache.public_page(reads=["year"])
def statistics(request):
    year = _stats_year(request)
    context = {
        "year": year,
        "years": stats.years_with_activities(),
        "figures": stats.YearPage(year),
        "version": cache.content_version(),
        "kept_for": cache.PAGE_TIMEOUT,
    }
    return render(request, "activities/stats.html", context)


@condition(etag_func=cache.etag, last_modified_func=cache.last_modified)
@cache.public_page(reads=["year"])
def statistics_csv(request, table):
    if table not in stats.BUILDERS:
        raise Http404
    year = _stats_year(request)
    return stats.csv_response(stats.BUILDERS[table](year), year)


@x_robots_tag
@cache.public_page(reads=["p"])
def quick_sitemap(request, sitemap):
    """One file of a QuickSitemap (?p=N), as Django's sitemap view would give it."""
    try:
        urls = sitemap().get_urls(
            request.GET.get("p", 1), get_current_site(request), request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None
    return HttpResponse(sitemaps.urlset(urls), content_type="application/xml")
