"""The checks a post fails, as the messages reviewers read."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import thaidate


@dataclass(frozen=True)
class Flag:
    code: str
    text: str
    other_post: int | None = None  # the post it may duplicate


def _distance(days):
    if days >= 365:
        count = days // 365
        return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
    if days >= 60:
        count = days // 30
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def _taken(value):
    return thaidate.format_date(value, short=True)


def flags(activity):
    """The messages for one post of an `annotate()`d queryset, in reading order."""
    found = []
    if activity.photos_too_early:
        days = (activity.start_date - thaidate.to_local_date(activity.photos_taken_first)).days
        text = _("Photo taken %(date)s — %(distance)s before the activity")
        found.append(
            Flag(
                "photo_dates",
                text % {"date": _taken(activity.photos_taken_first), "distance": _distance(days)},
            )
        )
    if activity.photos_too_late:
        last_day = activity.end_date or activity.start_date
        days = (thaidate.to_local_date(activity.photos_taken_last) - last_day).days
        text = _("Photo taken %(date)s — %(distance)s after the activity")
        found.append(
            Flag(
                "photo_dates",
                text % {"date": _taken(activity.photos_taken_last), "distance": _distance(days)},
            )
        )
    if activity.photos_count and not activity.photos_dated:
        found.append(Flag("no_photo_dates", _("No photo says when it was taken")))
    if activity.same_photo_post:
        found.append(
            Flag("same_photo", _("A photo is also on another post"), activity.same_photo_post)
        )
    if activity.similar_post:
        found.append(
            Flag(
                "similar_post",
                _("Possibly the same activity as another post (same agency, days and title)"),
                activity.similar_post,
            )
        )
    if activity.minors_pictured:
        found.append(Flag("minors", _("Children under 18 are pictured: check the consent")))
    if activity.photos_without_alt:
        count = activity.photos_without_alt
        found.append(
            Flag(
                "no_alt_text",
                ngettext(
                    "%(count)d photo has no alt text", "%(count)d photos have no alt text", count
                )
                % {"count": count},
            )
        )
    missing = [
        label
        for label, value in (
            (_("news by"), activity.news_credit),
            (_("photos by"), activity.photo_credit),
        )
        if not value
    ]
    if missing:
        found.append(
            Flag("no_credits", _("Credit missing: %(fields)s") % {"fields": ", ".join(missing)})
        )
    return found
