"""The demo logins, and the author of benchmark posts (an account that cannot sign in)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from agencies.models import Agency, Membership
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP

DEMO_PASSWORD = "jitarsa-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    agencies: tuple = ()
    superuser: bool = False


# A coordinator who is not a superuser, so the demo shows what coordinators really may do
# (README, "Who may do what"); the administrator may do everything.
DEMO_ACCOUNTS = [
    DemoAccount("admin", "ผู้ดูแล ระบบ", COORDINATOR_GROUP, superuser=True),
    DemoAccount("coordinator", "ผู้ประสานงาน ศูนย์จิตอาสา", COORDINATOR_GROUP),
    DemoAccount("staff-chiangmai", "สมศรี ใจดี", STAFF_GROUP, ("peo-chiang-mai",)),
]
BENCH_AUTHOR = "demo-seeder"


def ensure_accounts():
    """The demo logins; an existing account (and its password) is left as it is."""
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        first, _space, last = account.full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{account.username}@example.com",
                "is_staff": account.role == COORDINATOR_GROUP,
                "is_superuser": account.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=account.role))
            for slug in account.agencies:
                Membership.objects.create(user=user, agency=Agency.objects.get(slug=slug))
        users[account.username] = user
    return users


def bench_author():
    """The author of benchmark posts: an account that cannot sign in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=BENCH_AUTHOR, defaults={"first_name": "ข้อมูลทดสอบ", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
