"""Everything the portal holds about one account holder, for a PDPA access request.

Accounts are deactivated, never deleted: posts and their history point at their authors
(PROTECT), and the committee's records must keep saying who did what.
"""

from activities.models import Activity, Transition
from agencies.models import Membership
from line.models import user_id_of


def _when(value):
    return value.isoformat() if value else None


def profile(user):
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "line_user_id": user_id_of(user),
    }


def memberships(user):
    rows = Membership.objects.filter(user=user).select_related("agency").order_by("created_at")
    return [
        {"agency": m.agency.slug, "agency_name": m.agency.name, "since": _when(m.created_at)}
        for m in rows
    ]


def activities(user):
    rows = (
        Activity.objects.filter(created_by=user)
        .select_related("agency", "activity_type", "province")
        .prefetch_related("partners", "photos")
        .order_by("pk")
    )
    return [
        {
            "id": a.pk,
            "title": a.title,
            "agency": a.agency.slug,
            "partners": sorted(p.slug for p in a.partners.all()),
            "activity_type": a.activity_type.slug,
            "start_date": _when(a.start_date),
            "end_date": _when(a.end_date),
            "venue": a.venue,
            "province": a.province.name if a.province else None,
            "participants": a.participants,
            "volunteer_hours": str(a.volunteer_hours) if a.volunteer_hours is not None else None,
            "body": a.body,
            "news_credit": a.news_credit,
            "photo_credit": a.photo_credit,
            "tags": a.tags,
            "status": a.status,
            "review_note": a.review_note,
            "created_at": _when(a.created_at),
            "updated_at": _when(a.updated_at),
            "submitted_at": _when(a.submitted_at),
            "published_at": _when(a.published_at),
            "archived_at": _when(a.archived_at),
            "photos": [
                {"file": p.image.name, "caption": p.caption, "alt_text": p.alt_text}
                for p in a.photos.all()
            ],
        }
        for a in rows
    ]


def transitions(user):
    rows = Transition.objects.filter(actor=user).order_by("created_at", "pk")
    return [
        {
            "activity": t.activity_id,
            "action": t.action,
            "from_status": t.from_status,
            "to_status": t.to_status,
            "note": t.note,
            "created_at": _when(t.created_at),
        }
        for t in rows
    ]


def personal_data(user):
    return {
        "profile": profile(user),
        "memberships": memberships(user),
        "activities": activities(user),
        "transitions": transitions(user),
    }
