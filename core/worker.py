"""Whether the background worker runs: the heartbeat it writes every minute, read back."""

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from .models import Heartbeat

WORKER = "worker"


def beat():
    Heartbeat.objects.update_or_create(name=WORKER, defaults={"seen_at": timezone.now()})


def seen():
    """When the worker was last seen (None: never, or not known just now)."""
    try:
        return Heartbeat.objects.filter(name=WORKER).values_list("seen_at", flat=True).first()
    except DatabaseError:
        return None


def state(last_seen):
    if last_seen is None:
        return "unknown"
    return "ok" if timezone.now() - last_seen <= settings.WORKER_LATE_AFTER else "late"
