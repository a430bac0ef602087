from django.core.cache import cache

from activities.cache import PAGE_TIMEOUT, content_version

from .models import Page


def footer_pages(request):
    """The pages linked from every footer: read when a page's footer is drawn (a cached page
    never asks), and kept per content version, which a change to a site page moves on."""
    return {"footer_pages": _footer_pages}


def _footer_pages():
    return cache.get_or_set(
        f"pages:footer:{content_version():.3f}",
        lambda: list(Page.objects.filter(show_in_footer=True).only("slug", "title", "title_en")),
        PAGE_TIMEOUT,
    )
