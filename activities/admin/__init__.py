"""The coordinators' review desk (activity.py, its steps in review.py) and the activity types."""

from . import activity, types  # noqa: F401  (registers the admins)
