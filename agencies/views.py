from django.shortcuts import get_object_or_404, render

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


def detail(request, slug):
    agency = get_object_or_404(
        Agency.objects.active().select_related("parent", "province"), slug=slug
    )
    children = agency.children.active().select_related("province")
    return render(request, "agencies/detail.html", {"agency": agency, "children": children})
