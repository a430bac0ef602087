"""Many posts at once, inserted in bulk without a history: the one seeder behind
`seed_demo --activities N`, bench/pages.py and bench/reports.py.

Each post may get a cover photo row reusing the files of a few photos made once through the
pipeline (so no image is processed N times). What varies between the benchmarks is given as
options: the posts' text, their dates, the mix of states and the share with a partner.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Province
from core.text import slugify_thai

from .. import cache, tallies
from ..models import Activity, ActivityType, Photo
from ..photos import add_photo
from ..workflow import Status
from .accounts import bench_author
from .posts import moment
from .scenes import scene_upload
from .stories import CREDITS, STORIES


@dataclass(frozen=True)
class Text:
    """What a seeded post says; `texts(n, rng, agency)` makes one per post."""

    title: str
    venue: str
    body: str
    tags: str = ""
    news_credit: str = ""
    photo_credit: str = ""


def story_text(n, rng, agency):
    """The demo's stories in turn, credited to the demo's names."""
    story = STORIES[n % len(STORIES)]
    return Text(
        title=f"{story.title} {agency.short_name}",
        venue=story.venue,
        body=story.body,
        tags=story.tags,
        news_credit=rng.choice(CREDITS),
        photo_credit=rng.choice(CREDITS),
    )


def recent_dates(rng):
    """(activity date, publication): within the last two years, published 1-5 days later."""
    day = timezone.localdate() - datetime.timedelta(days=rng.randint(0, 730))
    published = moment(day + datetime.timedelta(days=rng.randint(1, 5)), 10)
    return day, min(published, timezone.now())


def bulk_posts(
    count,
    *,
    texts=story_text,
    dates=recent_dates,
    statuses=(Status.PUBLISHED,),
    partner_share=0.0,
    covers=True,
    first=0,
    seed=None,
    batch_size=2000,
    progress=None,
):
    """Add `count` posts over the active agencies and types in turn; returns `count`.

    `texts(n, rng, agency)` gives each post's Text and `dates(rng)` its (activity date,
    publication); the state is drawn from `statuses` (repeat one to weigh it), and
    `partner_share` of the posts get a partner agency. With `covers` each has a cover photo.
    `first` numbers the posts on from an earlier run (and `seed` makes the run repeatable,
    by default `first + count`). `progress(made)` is called after each batch.
    """
    rng = random.Random(first + count if seed is None else seed)
    author = bench_author()
    agencies = list(Agency.objects.active().select_related("province"))
    types = list(ActivityType.objects.active())
    provinces = list(Province.objects.all())
    templates = _cover_templates(author, agencies[0], types[0]) if covers else []
    slugs = {}
    made = 0
    while made < count:
        batch = []
        for n in range(first + made, first + min(count, made + batch_size)):
            agency = agencies[n % len(agencies)]
            text = texts(n, rng, agency)
            day, published = dates(rng)
            status = rng.choice(statuses)
            if text.title not in slugs:
                slugs[text.title] = slugify_thai(text.title) or "activity"
            was_public = status in (Status.PUBLISHED, Status.UNPUBLISHED)
            sent = status != Status.DRAFT
            batch.append(
                Activity(
                    agency=agency,
                    title=text.title,
                    slug=slugs[text.title],
                    activity_type=types[n % len(types)],
                    start_date=day,
                    venue=text.venue,
                    province=agency.province or rng.choice(provinces),
                    participants=rng.randint(10, 500),
                    volunteer_hours=rng.choice([None, 2, 4, 6, 8]),
                    body=text.body,
                    news_credit=text.news_credit,
                    photo_credit=text.photo_credit,
                    tags=text.tags,
                    consent_confirmed=True,
                    status=status,
                    created_by=author,
                    submitted_at=published - datetime.timedelta(hours=20) if sent else None,
                    published_at=published if was_public else None,
                )
            )
        for activity in batch:
            activity.fill_search_text()  # bulk_create skips save()
        with transaction.atomic():
            created = Activity.objects.bulk_create(batch, batch_size=batch_size)
            if templates:
                Photo.objects.bulk_create(
                    [
                        templates[a.pk % len(templates)].copy_for(a, order=0, is_cover=True)
                        for a in created
                    ],
                    batch_size=batch_size,
                )
            _add_partners(created, agencies, rng, partner_share)
        made += len(batch)
        if progress:
            progress(made)
    tallies.rebuild_all()  # bulk_create skips the signals that keep the statistics
    cache.bump()
    return made


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


def _add_partners(posts, agencies, rng, share):
    if not share:
        return
    through = Activity.partners.through
    pairs = ((post, rng.choice(agencies)) for post in posts if rng.random() < share)
    through.objects.bulk_create(
        [through(activity_id=post.pk, agency_id=a.pk) for post, a in pairs if a != post.agency],
        ignore_conflicts=True,
    )
