"""Pages coordinators edit in the admin: privacy policy, contact, accessibility statement."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField, NormalizedTextField
from core.language import is_english


class Page(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = NormalizedCharField(_("title (Thai)"), max_length=200)
    title_en = NormalizedCharField(_("title (English)"), max_length=200, blank=True)
    body = NormalizedTextField(
        _("text (Thai)"),
        help_text=_(
            "Plain text. A blank line starts a paragraph, '## ' a heading, '- ' a list item."
        ),
    )
    body_en = NormalizedTextField(_("text (English)"), blank=True)
    show_in_footer = models.BooleanField(_("link in the footer"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", args=[self.slug])

    @property
    def display_title(self):
        return self.title_en if is_english() and self.title_en else self.title

    @property
    def display_body(self):
        return self.body_en if is_english() and self.body_en else self.body
