import functools

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from activities import cache, cards, stats
from activities.models import Activity, ActivityType
from agencies.models import Agency

from .models import Page


@cache.public_page
def home(request):
    published = Activity.objects.public().card_rows().newest_first()
    featured = list(published.filter(is_featured=True)[:3])
    latest = published.exclude(pk__in=[a.pk for a in featured])[:8]
    year = stats.this_year()
    context = {
        "featured": cards.render(featured, level=3, eager_first=True),
        "latest": cards.render(latest, level=3, eager_first=not featured),
        "year": year,
        "totals": cache.kept("year-totals", functools.partial(stats.totals, year), year),
        "types": ActivityType.objects.active(),
        "groups": Agency.Group.choices,
    }
    return render(request, "pages/home.html", context)


def page(request, slug):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, slug=slug)})


def site_map(request):
    return render(
        request,
        "pages/site_map.html",
        {"pages": Page.objects.all(), "sections": Agency.objects.active().directory()},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /staff/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
