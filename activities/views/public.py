from django.shortcuts import get_object_or_404, redirect, render

from ..models import Activity


def feed(request):
    activities = Activity.objects.published().select_related("agency", "activity_type")[:20]
    return render(request, "activities/feed.html", {"activities": activities})


def detail(request, pk, slug=""):
    activity = get_object_or_404(
        Activity.objects.published().select_related("agency", "activity_type", "province"), pk=pk
    )
    if slug != activity.slug:
        return redirect(activity, permanent=True)
    return render(request, "activities/detail.html", {"activity": activity})
