from activities.cache import content_version, kept

from .models import Page


def footer_pages(request):
    """The pages linked from every footer: read when a page's footer is drawn (a cached page
    never asks), and kept per content version, which a change to a site page moves on. The
    footer itself is kept in each worker under that version (`footer_shows`, base.html)."""
    return {"footer_pages": _footer_pages, "footer_shows": content_version}


def _footer_pages():
    shown = Page.objects.filter(show_in_footer=True).only("slug", "title", "title_en")
    return kept("footer", lambda: list(shown))
