"""A post's photo: the stored original and its renditions (the JSON this model owns)."""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField

SHARE_CROP = "share"


@dataclass(frozen=True)
class Picture:
    """One stored size of a photo: what an <img>, a feed enclosure or a link preview needs."""

    url: str
    width: int
    height: int
    name: str = ""


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
    # [{"width": 640, "height": 427, "name": "photos/2026/11/…-640.webp"}, …], smallest first,
    # then the link-preview crop marked "crop": "share". Written by add_rendition() and read
    # through sizes(), pick(), largest(), share_image() and stored_names() only.
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
    # Read from the upload before its metadata is stripped (activities/evidence/photo_facts.py).
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

    def add_rendition(self, name, width, height, *, share=False):
        """Record a stored copy: a smaller size (add them smallest first) or, with `share`,
        the link-preview crop (photos.share_rendition)."""
        entry = {"width": width, "height": height, "name": name}
        if share:
            entry["crop"] = SHARE_CROP
        self.renditions = [*(self.renditions or []), entry]

    def sizes(self):
        """Every stored size, smallest first: the renditions, else the original. Not the
        share crop, which has another shape (so never in a srcset)."""
        found = [
            Picture(default_storage.url(r["name"]), r["width"], r["height"], r["name"])
            for r in self.renditions or []
            if r.get("name") and r.get("width") and r.get("height") and not r.get("crop")
        ]
        if found:
            return found
        if self.image and self.width and self.height:
            return [Picture(self.image.url, self.width, self.height, self.image.name)]
        return []

    def pick(self, near):
        """The smallest size at least `near` px wide (else the largest): an <img src>."""
        sizes = self.sizes()
        return next((p for p in sizes if p.width >= near), sizes[-1] if sizes else None)

    def largest(self):
        sizes = self.sizes()
        return sizes[-1] if sizes else None

    def share_image(self):
        """The 1200x630 crop made for link previews, else the largest size."""
        for r in self.renditions or []:
            if r.get("crop") == SHARE_CROP and r.get("name"):
                return Picture(default_storage.url(r["name"]), r["width"], r["height"], r["name"])
        return self.largest()

    def copy_for(self, activity, **fields):
        """A new, unsaved photo of `activity` showing this photo's stored files (the bulk
        seeder's covers: many rows, one set of files)."""
        return Photo(
            activity=activity,
            image=self.image.name,
            width=self.width,
            height=self.height,
            renditions=list(self.renditions or []),
            caption=self.caption,
            **fields,
        )

    def stored_names(self):
        """The names of every file this photo keeps in storage: the renditions and the original."""
        names = [r["name"] for r in self.renditions or [] if r.get("name")]
        if self.image:
            names.append(self.image.name)
        return names


def in_page_order(photos):
    """Photos in the order a post's page shows them: the cover first, then by `order`."""
    return sorted(photos, key=lambda p: (not p.is_cover, p.order, p.pk))
