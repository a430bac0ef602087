"""Pieces of HTML the review desk shows: a photo's thumbnail and a post's failed checks."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join


def evidence_list(flags, *, css_class="evidence-flags"):
    """The checks a post fails, each linking to the post it may duplicate."""
    if not flags:
        return ""
    items = format_html_join(
        "",
        "<li>{}</li>",
        (
            (
                format_html(
                    '{} <a href="{}">#{}</a>',
                    flag.text,
                    reverse("admin:activities_activity_change", args=[flag.other_post]),
                    flag.other_post,
                )
                if flag.other_post
                else flag.text,
            )
            for flag in flags
        ),
    )
    return format_html('<ul class="{}">{}</ul>', css_class, items)


def thumbnail(photo, square=None):
    """The 320 rendition at half its size, or cropped to a `square` of that many px (CSS
    object-fit), so a portrait photo never makes a row of the queue tall."""
    picture = photo.pick(320) if photo else None
    if not picture:
        return ""
    if square:
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" class="square-thumb">',
            picture.url,
            square,
            square,
            photo.alt,
        )
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        picture.url,
        picture.width // 2,
        picture.height // 2,
        photo.alt,
    )
