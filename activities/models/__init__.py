"""What is published: volunteer activities, their photos and their review history."""

from .activity import DATE_LIMIT, FIRST_DATE, Activity
from .history import Transition
from .photo import Photo, PhotoQuerySet, Picture, in_page_order, photo_upload_to
from .querysets import DEFAULT_ORDER, FILTERED, ORDERS, ActivityQuerySet
from .tally import Tally
from .types import ActivityType, ActivityTypeQuerySet

__all__ = [
    "DATE_LIMIT",
    "DEFAULT_ORDER",
    "FILTERED",
    "FIRST_DATE",
    "ORDERS",
    "Activity",
    "ActivityQuerySet",
    "ActivityType",
    "ActivityTypeQuerySet",
    "Photo",
    "PhotoQuerySet",
    "Picture",
    "Tally",
    "Transition",
    "in_page_order",
    "photo_upload_to",
]
