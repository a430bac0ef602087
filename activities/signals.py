"""Retire the cached public pages, and recount the statistics, whenever something the
public can see changes.

Workflow steps save the Activity, so publish, unpublish, feature, archive and edits of a
published post all arrive here as post_save. Drafts and posts in review never reach the
public pages, so their saves leave the cache alone. The bump runs now and again after the
commit (cache.bump_now_and_on_commit). Site pages (pages.signals) bump it the same way.
The tallies are recounted inside the transaction, for the cell the post was in before the
save (read in pre_save) and the one it is in now.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from agencies.history import agency_merged
from agencies.models import Agency, Province

from . import cache, tallies
from .models import Activity, ActivityType, Photo
from .workflow import Status

PUBLIC_STATUSES = {Status.PUBLISHED, Status.UNPUBLISHED}


@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def activity_changed(sender, instance, **kwargs):
    if instance.status in PUBLIC_STATUSES:
        cache.bump_now_and_on_commit()


@receiver(pre_save, sender=Activity)
def remember_tally_cell(sender, instance, raw=False, **kwargs):
    instance._tally_cells_before = set()
    if raw or instance.pk is None:
        return
    fields = ("start_date", "agency_id", "activity_type_id", "province_id")
    before = Activity.objects.public().filter(pk=instance.pk).only(*fields).first()
    if before is not None:
        instance._tally_cells_before.add(tallies.Cell.of(before))


@receiver(post_save, sender=Activity)
def recount_tallies(sender, instance, raw=False, **kwargs):
    # Only a post that is or was published can change a tally; recount() itself reads
    # Activity.objects.public(), so an archived or unpublished post simply counts no more.
    before = getattr(instance, "_tally_cells_before", set())
    if not raw and (before or instance.status == Status.PUBLISHED):
        tallies.recount(before | {tallies.Cell.of(instance)})


@receiver(post_delete, sender=Activity)
def recount_tallies_after_delete(sender, instance, **kwargs):
    if instance.status == Status.PUBLISHED:
        tallies.recount({tallies.Cell.of(instance)})


@receiver(post_save, sender=Photo)
@receiver(post_delete, sender=Photo)
def photo_changed(sender, instance, **kwargs):
    status = Activity.objects.filter(pk=instance.activity_id).values_list("status", flat=True)
    if status.first() in PUBLIC_STATUSES:
        cache.bump_now_and_on_commit()


@receiver(m2m_changed, sender=Activity.partners.through)
def partners_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        cache.bump_now_and_on_commit()


@receiver(post_save, sender=Agency)
@receiver(post_save, sender=Province)
@receiver(post_save, sender=ActivityType)
def shown_everywhere_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        cache.bump_now_and_on_commit(directory=True)


@receiver(agency_merged)
def drop_partner_links_to_the_lead(sender, into, **kwargs):
    """After a merge a post may list its own leading agency as a partner: drop that link."""
    Activity.partners.through.objects.filter(agency=into, activity__agency=into).delete()
    cache.bump_now_and_on_commit()
