"""What a shared link shows (the link-preview card): Open Graph / Twitter-card tags, JSON-LD
and the share buttons. The pictures come from the photo itself (Photo.share_image)."""

import json
from urllib.parse import quote

from django.conf import settings
from django.utils.safestring import mark_safe

from core.text import first_paragraph, normalize


def absolute(url, base=None):
    """`url` with the site's address in front; `base` is core.siteurl.site_url(request)."""
    return (base or settings.SITE_URL) + url if url.startswith("/") else url


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
    way in (core.fields) may still hold control characters."""
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


def _authors(activity):
    """One Person per name in the news credit (the name alone, never "/ ข่าว")."""
    people = [{"@type": "Person", "name": name} for name in activity.author_names()]
    return people[0] if len(people) == 1 else people


def _iso(day):
    return day.isoformat() if day else None  # a draft's preview may have no date yet


def activity_card(activity, photos, base=None):
    """Open Graph data and JSON-LD for one activity page.

    The image is the cover's 1200x630 share crop (see photos.share_rendition); `base` is the
    site's address (core.siteurl.site_url).
    """
    url = absolute(activity.get_absolute_url(), base)
    description = _one_line(first_paragraph(activity.body, 200))
    cover = next((p for p in photos if p.is_cover), photos[0] if photos else None)
    image = cover.share_image() if cover else None
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
        "url": absolute(activity.agency.get_absolute_url(), base),
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
        "author": _authors(activity) or agency,
        "image": [absolute(p.url, base) for p in cover.sizes()][-1:] if cover else [],
        "about": {
            "@type": "Event",
            "name": activity.title,
            "startDate": _iso(activity.start_date),
            "endDate": _iso(activity.end_date or activity.start_date),
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
        "image": absolute(image.url, base) if image else "",
        "image_width": image.width if image else None,
        "image_height": image.height if image else None,
        "image_alt": _one_line(cover.alt) if cover else "",
        "published": activity.published_at,
        "json_ld": _json_ld(data),
        "share": share_links(url, activity.title),
    }


def agency_card(agency, cover=None, base=None):
    image = cover.share_image() if cover else None
    url = absolute(agency.get_absolute_url(), base)
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
        "image": absolute(image.url, base) if image else "",
        "image_width": image.width if image else None,
        "image_height": image.height if image else None,
        "image_alt": _one_line(cover.alt) if cover else "",
        "json_ld": _json_ld(data),
    }
