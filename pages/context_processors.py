from activities.cache import kept

from .models import Page


def footer_pages(request):
    """The pages linked from every footer: read when a page's footer is drawn (a cached page
    never asks), and kept per content version, which a change to a site page moves on."""
    return {"footer_pages": _footer_pages}


def _footer_pages():
    shown = Page.objects.filter(show_in_footer=True).only("slug", "title", "title_en")
    return kept("footer", lambda: list(shown))
