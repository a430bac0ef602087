from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_PASSWORD = "jitarsa-demo"
DEMO_ACCOUNTS = [
    # username, full name, superuser
    ("coordinator", "ผู้ประสานงาน ศูนย์จิตอาสา", True),
]


class Command(BaseCommand):
    help = "Create the demo accounts (only with DEBUG on) and print their logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts are created.")
            return
        User = get_user_model()
        for username, full_name, superuser in DEMO_ACCOUNTS:
            first, _space, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_superuser": superuser,
                    "email": f"{username}@example.com",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, full_name, _superuser in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {full_name}")
