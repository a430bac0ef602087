from django.shortcuts import render

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
