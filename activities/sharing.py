"""What a shared link shows: Open Graph / Twitter-card tags, JSON-LD, share buttons,
and the picture sizes (srcset) the pages and feeds choose from."""

import json
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.safestring import mark_safe

from jitarsa.text import first_paragraph, normalize


@dataclass
class Picture:
    url: str
    width: int
    height: int
    name: str = ""


def absolute(url):
    return settings.SITE_URL + url if url.startswith("/") else url


def pictures(photo):
    """Every stored size of a photo, smallest first: the renditions, else the original.
    (Not the cropped share picture, which has another shape.)"""
    found = [
        Picture(default_storage.url(r["name"]), r["width"], r["height"], r["name"])
        for r in (photo.renditions or [])
        if r.get("name") and r.get("width") and r.get("height") and not r.get("crop")
    ]
    if found:
        return found
    if photo.image and photo.width and photo.height:
        return [Picture(photo.image.url, photo.width, photo.height, photo.image.name)]
    return []


def pick(photo, near):
    """The smallest size at least `near` px wide (else the largest): the <img src>."""
    sizes = pictures(photo)
    for picture in sizes:
        if picture.width >= near:
            return picture
    return sizes[-1] if sizes else None


def share_picture(photo):
    """The 1200x630 crop made for link previews (photos.share_rendition), else the largest."""
    for r in photo.renditions or []:
        if r.get("crop") == "share" and r.get("name"):
            return Picture(default_storage.url(r["name"]), r["width"], r["height"], r["name"])
    return largest(photo)


def largest(photo):
    sizes = pictures(photo)
    return sizes[-1] if sizes else None


def share_links(url, title):
    """Plain links that work without JavaScript; the copy button is added by share.js."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"name": "LINE", "url": f"https://social-plugins.line.me/lineit/share?url={u}"},
        {"name": "Facebook", "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"name": "X", "url": f"https://x.com/intent/post?url={u}&text={t}"},
    ]


def _one_line(value):
    """Text for tags and JSON-LD, cleaned again: a row stored before text was cleaned on the
    way in (jitarsa.fields) may still hold control characters."""
    if isinstance(value, dict):
        return {key: _one_line(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_one_line(item) for item in value]
    return normalize(value, multiline=False)


def _json_ld(data):
    # Escaped like Django's json_script so the text can never close the <script> element.
    text = json.dumps(_one_line(data), ensure_ascii=False, default=str)
    for char, escaped in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)


def activity_card(activity, photos):
    """Open Graph data and JSON-LD for one activity page.

    The image is the cover's 1200x630 share crop (see photos.share_rendition).
    """
    url = absolute(activity.get_absolute_url())
    description = _one_line(first_paragraph(activity.body, 200))
    cover = next((p for p in photos if p.is_cover), photos[0] if photos else None)
    image = share_picture(cover) if cover else None
    place = {"@type": "Place", "name": activity.venue}
    if activity.province:
        place["address"] = {
            "@type": "PostalAddress",
            "addressRegion": activity.province.name,
            "addressCountry": "TH",
        }
    agency = {
        "@type": "GovernmentOrganization",
        "name": activity.agency.name,
        "url": absolute(activity.agency.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": activity.title[:110],
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "th",
        "datePublished": activity.published_at.isoformat() if activity.published_at else None,
        "dateModified": activity.updated_at.isoformat() if activity.updated_at else None,
        "publisher": agency,
        "author": (
            {"@type": "Person", "name": activity.news_credit} if activity.news_credit else agency
        ),
        "image": [absolute(p.url) for p in pictures(cover)][-1:] if cover else [],
        "about": {
            "@type": "Event",
            "name": activity.title,
            "startDate": activity.start_date.isoformat(),
            "endDate": (activity.end_date or activity.start_date).isoformat(),
            "location": place,
            "organizer": agency,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        },
    }
    return {
        "url": url,
        "title": _one_line(activity.title),
        "description": description,
        "type": "article",
        "image": absolute(image.url) if image else "",
        "image_width": image.width if image else None,
        "image_height": image.height if image else None,
        "image_alt": _one_line(cover.alt) if cover else "",
        "published": activity.published_at,
        "json_ld": _json_ld(data),
        "share": share_links(url, activity.title),
    }


def agency_card(agency, cover=None):
    image = share_picture(cover) if cover else None
    url = absolute(agency.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "alternateName": [n for n in (agency.name_en, agency.abbreviation) if n],
        "url": url,
        "parentOrganization": {"@type": "GovernmentOrganization", "name": "กระทรวงศึกษาธิการ"},
    }
    if agency.email:
        data["email"] = agency.email
    if agency.phone:
        data["telephone"] = agency.phone
    return {
        "url": url,
        "title": _one_line(agency.display_name),
        "description": _one_line(
            agency.name if agency.display_name != agency.name else agency.name_en
        ),
        "type": "website",
        "image": absolute(image.url) if image else "",
        "image_width": image.width if image else None,
        "image_height": image.height if image else None,
        "image_alt": _one_line(cover.alt) if cover else "",
        "json_ld": _json_ld(data),
    }
