"""Retire the cached public pages whenever something the public can see changes.

Workflow steps save the Activity, so publish, unpublish, feature, archive and edits of a
published post all arrive here as post_save. Drafts and posts in review never reach the
public pages, so their saves leave the cache alone. The bump runs now and again after the
commit, so a page rendered from the old data inside the transaction does not linger.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agencies.history import agency_merged
from agencies.models import Agency, Province
from pages.models import Page

from . import cache
from .models import Activity, ActivityType, Photo
from .workflow import Status

PUBLIC_STATUSES = {Status.PUBLISHED, Status.UNPUBLISHED}


def _bump():
    cache.bump()
    transaction.on_commit(cache.bump)


@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def activity_changed(sender, instance, **kwargs):
    if instance.status in PUBLIC_STATUSES:
        _bump()


@receiver(post_save, sender=Photo)
@receiver(post_delete, sender=Photo)
def photo_changed(sender, instance, **kwargs):
    status = Activity.objects.filter(pk=instance.activity_id).values_list("status", flat=True)
    if status.first() in PUBLIC_STATUSES:
        _bump()


@receiver(m2m_changed, sender=Activity.partners.through)
def partners_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _bump()


@receiver(post_save, sender=Agency)
@receiver(post_save, sender=Province)
@receiver(post_save, sender=ActivityType)
@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def shown_everywhere_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        _bump()


@receiver(agency_merged)
def drop_partner_links_to_the_lead(sender, into, **kwargs):
    """After a merge a post may list its own leading agency as a partner: drop that link."""
    Activity.partners.through.objects.filter(agency=into, activity__agency=into).delete()
    _bump()
