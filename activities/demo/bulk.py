"""Many published posts at once for benchmarks (`seed_demo --activities N`): inserted in
bulk without a history, each with a cover photo row reusing a few photos' files."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Province
from jitarsa.text import slugify_thai

from .. import cache, tallies
from ..models import Activity, ActivityType, Photo
from ..photos import add_photo
from ..workflow import Status
from .accounts import bench_author
from .posts import moment
from .scenes import scene_upload
from .stories import CREDITS, STORIES


def _cover_templates(author, agency, activity_type, count=4):
    """A few real photos through the pipeline, whose files every benchmark post reuses."""
    holder = Activity.objects.create(
        agency=agency,
        title="ภาพตัวอย่างสำหรับข้อมูลทดสอบ",
        activity_type=activity_type,
        start_date=timezone.localdate(),
        venue="-",
        participants=0,
        body="-",
        created_by=author,
    )
    return [add_photo(holder, scene_upload(90 + i), order=i) for i in range(count)]


def bulk_posts(count, batch_size=2000):
    """`count` published posts over all agencies, types, provinces and the last 24 months,
    each with a cover photo row pointing at shared files (so no image is processed N times)."""
    rng = random.Random(count)
    author = bench_author()
    agencies = list(Agency.objects.active().select_related("province"))
    types = list(ActivityType.objects.active())
    provinces = list(Province.objects.all())
    covers = _cover_templates(author, agencies[0], types[0])
    today, now = timezone.localdate(), timezone.now()
    slugs = {}
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        batch = []
        for i in range(size):
            story = STORIES[(made + i) % len(STORIES)]
            agency = agencies[(made + i) % len(agencies)]
            day = today - datetime.timedelta(days=rng.randint(0, 730))
            title = f"{story.title} {agency.short_name}"
            if title not in slugs:
                slugs[title] = slugify_thai(title) or "activity"
            published = min(moment(day + datetime.timedelta(days=rng.randint(1, 5)), 10), now)
            batch.append(
                Activity(
                    agency=agency,
                    title=title,
                    slug=slugs[title],
                    activity_type=types[(made + i) % len(types)],
                    start_date=day,
                    venue=story.venue,
                    province=agency.province or rng.choice(provinces),
                    participants=rng.randint(10, 500),
                    volunteer_hours=rng.choice([None, 2, 4, 6, 8]),
                    body=story.body,
                    news_credit=rng.choice(CREDITS),
                    photo_credit=rng.choice(CREDITS),
                    tags=story.tags,
                    consent_confirmed=True,
                    status=Status.PUBLISHED,
                    created_by=author,
                    submitted_at=published - datetime.timedelta(hours=20),
                    published_at=published,
                )
            )
        for activity in batch:
            activity.fill_search_text()  # bulk_create skips save()
        with transaction.atomic():
            created = Activity.objects.bulk_create(batch, batch_size=batch_size)
            Photo.objects.bulk_create(
                [_cover_copy(a, covers[a.pk % len(covers)]) for a in created],
                batch_size=batch_size,
            )
        made += size
    tallies.rebuild_all()
    cache.bump()
    return made


def _cover_copy(activity, template):
    return Photo(
        activity=activity,
        image=template.image.name,
        width=template.width,
        height=template.height,
        renditions=template.renditions,
        caption=template.caption,
        order=0,
        is_cover=True,
    )
