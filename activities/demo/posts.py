"""About three dozen demo posts with photos, taken through the workflow as real ones are."""

import datetime
import random

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from agencies.models import Agency, Province

from .. import cache, workflow
from ..models import Activity, ActivityType
from ..photos import add_photo
from ..workflow import Action, Status
from .scenes import scene_upload
from .stories import CREDITS, DEMO_AGENCIES, STORIES

RETURN_NOTE = "โปรดเพิ่มจำนวนชั่วโมงจิตอาสาและภาพกิจกรรม"


def _plan_status(index):
    """Mostly published, with some in review, drafts and one returned post."""
    if index in (3, 17, 25, 33):
        return Status.SUBMITTED
    if index in (8, 20, 34):
        return Status.DRAFT
    if index == 12:
        return Status.RETURNED
    return Status.PUBLISHED


def moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _review(activity, status, author, coordinator, *, featured):
    """Take a draft through the workflow to `status`, as its author and the coordinator would."""
    if status == Status.DRAFT:
        return
    workflow.submit(activity, by=author)
    if status == Status.RETURNED:
        workflow.return_to_author(activity, by=coordinator, note=RETURN_NOTE)
    elif status == Status.PUBLISHED:
        workflow.publish(activity, by=coordinator)
        if featured:
            workflow.set_featured(activity, by=coordinator)


def _backdate(activity, submitted, published):
    """The workflow dated each step now; move the steps back to the invented days."""
    moments = {
        Action.CREATE: submitted - datetime.timedelta(hours=1),
        Action.SUBMIT: submitted,
        Action.RETURN: submitted + datetime.timedelta(hours=20),
        Action.PUBLISH: published,
        Action.FEATURE: published,
    }
    for action, when in moments.items():
        activity.transitions.filter(action=action).update(created_at=when)
    Activity.objects.filter(pk=activity.pk).update(
        submitted_at=submitted if activity.submitted_at else None,
        published_at=published if activity.published_at else None,
    )


def demo_dates(count, today):
    """Spread over the previous and the current year (Buddhist era) up to today."""
    first = datetime.date(today.year - 1, 1, 10)
    span = (today - first).days - 3
    return [first + datetime.timedelta(days=span * i // max(1, count - 1)) for i in range(count)]


def seed_demo_posts(users, count=36):
    """About three dozen posts with photos; the Chiang Mai office's by its staff login."""
    rng = random.Random(2568)
    coordinator, staff = users["coordinator"], users["staff-chiangmai"]
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=DEMO_AGENCIES)}
    types = {t.slug: t for t in ActivityType.objects.all()}
    provinces = list(Province.objects.all())
    now = timezone.now()
    posts = []
    for index, day in enumerate(demo_dates(count, timezone.localdate())):
        story = STORIES[index % len(STORIES)]
        agency = agencies[DEMO_AGENCIES[index % len(DEMO_AGENCIES)]]
        author = staff if agency.slug == "peo-chiang-mai" else coordinator
        status = _plan_status(index)
        with _unannounced(), transaction.atomic():
            activity = Activity.objects.create(
                agency=agency,
                title=f"{story.title} {agency.short_name}",
                activity_type=types[story.type_slug],
                start_date=day,
                end_date=day + datetime.timedelta(days=1) if index % 7 == 0 else None,
                venue=story.venue,
                province=agency.province or rng.choice(provinces),
                participants=rng.randint(15, 400),
                volunteer_hours=rng.choice([None, 3, 4, 6, 8, 12]),
                body=story.body,
                news_credit=rng.choice(CREDITS),
                photo_credit=rng.choice(CREDITS),
                tags=story.tags,
                consent_confirmed=status != Status.DRAFT,
                created_by=author,
            )
            workflow.record_creation(activity, by=author)
            if index == 5:
                activity.partners.add(agencies["obec"], agencies["onie"])
            for order, caption in enumerate(story.captions[: 1 + (index % 3 == 0) * 2]):
                add_photo(
                    activity,
                    scene_upload(index * 3 + order),
                    caption=caption,
                    order=order,
                    is_cover=order == 0,
                )
            _review(activity, status, author, coordinator, featured=index in (35, 31, 27))
            _backdate(
                activity,
                submitted=min(moment(day + datetime.timedelta(days=2), 9), now),
                published=min(moment(day + datetime.timedelta(days=3), 14), now),
            )
        posts.append(activity)
    cache.bump()
    return posts


def _unannounced():
    """The e-mails about invented steps go nowhere (they leave when the transaction inside
    this block commits)."""
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
