from django.shortcuts import get_object_or_404, render

from activities import cache, cards, pagination, sharing, stats
from activities.models import Activity

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
    agency = get_object_or_404(
        Agency.objects.active().select_related("parent", "province"), slug=slug
    )
    published = Activity.objects.public().involving(agency)
    totals = stats.agency_totals(published)
    page = pagination.paginate(request, published.for_cards(), count=totals["activities"])
    cover = next((a.cover for a in page if a.cover), None)
    context = {
        "agency": agency,
        "children": agency.children.active().select_related("province"),
        "page_obj": page,
        "cards": cards.render(page, level=3, eager_first=True),
        "totals": totals,
        "card": sharing.agency_card(agency, cover),
    }
    return render(request, "agencies/detail.html", context)
