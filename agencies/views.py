from django.http import Http404
from django.shortcuts import redirect, render

from activities import cache, cards, figures, pagination, sharing, stats
from activities.models import Activity
from core.siteurl import site_url

from .models import Agency


def directory(request):
    query = request.GET.get("q", "").strip()[:100]
    agencies = Agency.objects.active()
    if query:
        agencies = agencies.search(query)
    return render(
        request,
        "agencies/directory.html",
        {
            "query": query,
            "sections": agencies.directory(),
            "total": Agency.objects.active().count(),
        },
    )


@cache.public_page
def detail(request, slug):
    agency = Agency.objects.active().select_related("parent", "province").filter(slug=slug).first()
    if agency is None:
        successor = Agency.objects.successor_of(slug)
        if successor is None or not successor.is_active or successor.slug == slug:
            raise Http404
        return redirect(successor, permanent=True)  # merged into another agency
    published = Activity.objects.public().involving(agency)
    totals = figures.totals(published)
    page = pagination.paginate(request, published.for_cards(), count=totals["activities"])
    cover = next((a.cover for a in page if a.cover), None)
    context = {
        "agency": agency,
        "children": agency.children.active().select_related("province"),
        "former_names": list(agency.former_names_shown()),
        "page_obj": page,
        "cards": cards.render(page, level=3, eager_first=True),
        "totals": totals,
        "map": stats.agency_map(agency, stats.this_year()),
        "card": sharing.agency_card(agency, cover, site_url(request)),
    }
    return render(request, "agencies/detail.html", context)
