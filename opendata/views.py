"""/opendata/: the page (Thai and English) and the data files, which answer ETag and
Last-Modified with 304 from the public content version (activities/cache.py)."""

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from activities import cache

from . import catalog, formats, schemas
from .datasets import DATASETS


def data_etag(request, *args, **kwargs):
    # The files do not change with the reader's language, unlike the pages' ETag.
    return f"data-{cache.content_version():.3f}"


def conditional(view):
    view = condition(etag_func=data_etag, last_modified_func=cache.last_modified)(view)
    return require_safe(view)


def _dataset(slug):
    if slug not in DATASETS:
        raise Http404
    return DATASETS[slug]


def _revalidated(response):
    patch_cache_control(response, public=True, max_age=300)
    return response


@cache.public_page
def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS.values(),
            "licence": catalog.LICENCE,
            "catalog_url": reverse("opendata:catalog"),
        },
    )


@conditional
def csv_file(request, slug):
    dataset = _dataset(slug)
    response = StreamingHttpResponse(
        formats.csv_lines(dataset), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="jitarsa-{slug}.csv"'
    return _revalidated(response)


@conditional
def json_file(request, slug):
    dataset = _dataset(slug)
    try:
        after, limit = formats.page_request(request.GET)
    except formats.BadPage as error:
        return JsonResponse({"error": str(error)}, status=400)

    def next_url(cursor):
        path = reverse("opendata:json", args=[slug])
        return request.build_absolute_uri(f"{path}?cursor={cursor}&limit={limit}")

    page = formats.json_page(dataset, after, limit, next_url)
    response = HttpResponse(formats.to_json(page), content_type="application/json")
    if page["next"]:
        response["Link"] = f'<{page["next"]}>; rel="next"'
    return _revalidated(response)


@conditional
def catalogue(request):
    response = HttpResponse(
        formats.to_json(catalog.catalogue()), content_type="application/ld+json"
    )
    return _revalidated(response)


@require_safe
def schema(request, slug):
    _dataset(slug)
    response = HttpResponse(schemas.text(slug), content_type="application/schema+json")
    return _revalidated(response)
