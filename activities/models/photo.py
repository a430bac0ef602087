"""A post's photo: the stored original and its renditions (the JSON this model owns)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jitarsa.fields import NormalizedCharField


class PhotoQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


def photo_upload_to(photo, filename):
    # `filename` is already a random name chosen by the photo pipeline, never the uploader's.
    now = timezone.now()
    return f"photos/{now:%Y/%m}/{filename}"


class Photo(models.Model):
    MAX_PER_ACTIVITY = 30

    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("photo"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    # [{"width": 640, "height": 427, "name": "photos/2026/11/…-640.webp"}, …], smallest first.
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    caption = NormalizedCharField(_("caption"), max_length=300, blank=True)
    alt_text = NormalizedCharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_cover = models.BooleanField(_("cover photo"), default=False)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden from the public without unpublishing.")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Read from the upload before its metadata is stripped (activities/evidence.py).
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True, editable=False)
    phash = models.CharField(_("fingerprint"), max_length=16, blank=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["activity"], condition=Q(is_cover=True), name="one_cover_per_activity"
            )
        ]
        indexes = [
            # evidence.flagged(): "is this photo on another post?" looks fingerprints up.
            models.Index(fields=["phash"], condition=~Q(phash=""), name="photo_fingerprint"),
        ]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def alt(self):
        return self.alt_text or self.caption or self.activity.title


def in_page_order(photos):
    """Photos in the order a post's page shows them: the cover first, then by `order`."""
    return sorted(photos, key=lambda p: (not p.is_cover, p.order, p.pk))
