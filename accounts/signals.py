"""Names typed into any user form (the admin, import_staff, createsuperuser) are stored as
core.text.normalize cleans them, like every text field of the portal's own models."""

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver

from core.text import normalize

NAME_FIELDS = ("first_name", "last_name")


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.clean_names")
def clean_names(sender, instance, **kwargs):
    for name in NAME_FIELDS:
        setattr(instance, name, normalize(getattr(instance, name, ""), multiline=False))
