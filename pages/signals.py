"""Site pages are linked from every public page's footer: a change retires the cached
public pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from activities import cache

from .models import Page


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        cache.bump_now_and_on_commit()
