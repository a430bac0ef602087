"""The plain Django project's pages (bench/plain_django.py): a fixed 20 KB page, and the
newest 20 posts read through the ORM and written by a template into the same page."""

from django.db import models
from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path
from django.utils.safestring import mark_safe

from bench.views import BARE_PAGE


def page(request):
    return HttpResponse(BARE_PAGE, content_type="text/html; charset=utf-8")


class Post(models.Model):
    """The bench's posts table, read as it is (nothing of Jitarsa's code)."""

    title = models.CharField(max_length=200)
    slug = models.CharField(max_length=200)
    status = models.CharField(max_length=20)
    start_date = models.DateField()
    published_at = models.DateTimeField(null=True)
    archived_at = models.DateTimeField(null=True)

    class Meta:
        app_label = "contenttypes"  # an installed app: this module is no app of its own
        managed = False
        db_table = "activities_activity"

    def __str__(self):
        return self.title


ROWS = Engine().from_string(
    '{% for post in posts %}<article><h2><a href="/activities/{{ post.pk }}-{{ post.slug }}/">'
    "{{ post.title }}</a></h2><p>{{ post.start_date|date:'j F Y' }} · "
    "{{ post.published_at|date:'j M Y H:i' }}</p></article>\n{% endfor %}{{ page }}"
)


def orm_page(request):
    posts = (
        Post.objects.filter(status="published", archived_at__isnull=True)
        .only("title", "slug", "start_date", "published_at")
        .order_by("-published_at", "-pk")[:20]
    )
    html = ROWS.render(Context({"posts": posts, "page": mark_safe(BARE_PAGE.decode())}))
    return HttpResponse(html, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", page), path("bench/orm/", orm_page)]
