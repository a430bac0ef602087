from .models import Page


def footer_pages(request):
    """The pages linked from every footer, fetched lazily so pages that never render skip it."""
    return {
        "footer_pages": Page.objects.filter(show_in_footer=True).only("slug", "title", "title_en")
    }
