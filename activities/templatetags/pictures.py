"""{% picture photo sizes="100vw" %}: a responsive <img> with srcset, width and height set,
lazy unless told otherwise (the first image of a page is not lazy)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def picture(photo, sizes="100vw", near=640, eager=False, css=""):
    versions = photo.sizes() if photo else []
    if not versions:
        return ""
    src = photo.pick(int(near))
    srcset = ", ".join(f"{v.url} {v.width}w" for v in versions)
    loading = "eager" if eager else "lazy"
    priority = "high" if eager else "auto"
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" '
        'decoding="async" fetchpriority="{}" class="{}">',
        src.url,
        srcset,
        sizes,
        src.width,
        src.height,
        photo.alt,
        loading,
        priority,
        css,
    )


@register.simple_tag
def largest_url(photo):
    """The biggest size for the lightbox (the original stays behind the no-JS link)."""
    found = photo.largest() if photo else None
    return found.url if found else ""
