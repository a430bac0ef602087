"""/opendata/: the page (Thai and English), the whole-dataset files the worker built
(opendata/build.py; never made in a request) and the JSON pages, which answer ETag and
Last-Modified with 304 from the public content version (activities/cache.py)."""

import functools

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from activities import cache

from . import build, catalog, formats, schemas
from .datasets import DATASETS
from .models import DataFile

# A first build at 100,000 posts takes a few minutes of the worker.
RETRY_AFTER = 600


def data_etag(request, *args, **kwargs):
    # The files do not change with the reader's language, unlike the pages' ETag.
    return f"data-{cache.content_version():.3f}"


def conditional(view):
    view = condition(etag_func=data_etag, last_modified_func=cache.last_modified)(view)
    return require_safe(view)


def shared(view):
    """Open data is for other sites' pages and apps too: any origin may read the files
    (CORS) and browsers may load them across origins (CORP), unlike the rest of the site.
    Nothing here depends on who asks (no cookies are read), so "*" is safe."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    return wrapper


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
            "downloads": catalog.built_files(),
            "licence": catalog.LICENCE,
            "catalog_url": reverse("opendata:catalog"),
        },
    )


@shared
@require_safe
def download(request, slug, fmt):
    """The dataset's file as the worker last built it: from this process when the storage is
    a local folder (sendfile under gunicorn), else a redirect to the storage's address."""
    _dataset(slug)
    built = DataFile.objects.filter(dataset=slug, format=fmt).first()
    if built is None or not default_storage.exists(built.name):
        return _preparing(request, fmt)
    unchanged = get_conditional_response(
        request, etag=built.etag, last_modified=int(built.built_at.timestamp())
    )
    if unchanged is not None:
        return _validated(unchanged, built)
    try:
        path = default_storage.path(built.name)
    except NotImplementedError:  # object storage: the bucket or its CDN sends the bytes
        return _revalidated(redirect(default_storage.url(built.name)))
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=True,
        filename=built.download_name,
        content_type=build.CONTENT_TYPES[fmt],
    )
    return _validated(response, built)


def _validated(response, built):
    response["ETag"] = built.etag
    response["Last-Modified"] = http_date(built.built_at.timestamp())
    return _revalidated(response)


def _preparing(request, fmt):
    """503 with Retry-After until the worker has built the file; never built here."""
    message = _("The file is being prepared. Please try again in a few minutes.")
    if fmt == DataFile.Format.JSON:
        response = JsonResponse(
            {"error": message}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(request, "opendata/preparing.html", {"message": message}, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    return response


@shared
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


@shared
@conditional
def catalogue(request):
    response = HttpResponse(
        formats.to_json(catalog.catalogue()), content_type="application/ld+json"
    )
    return _revalidated(response)


@shared
@require_safe
def schema(request, slug):
    _dataset(slug)
    response = HttpResponse(schemas.text(slug), content_type="application/schema+json")
    return _revalidated(response)
