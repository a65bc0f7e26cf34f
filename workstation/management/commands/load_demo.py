from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workstation.demo.services import load_demo_data


class Command(BaseCommand):
    help = "Load demo accounts and sample content (development only; idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development only (DEBUG is off).")
        created = load_demo_data()
        self.stdout.write(
            "Demo data created (existing rows kept): "
            + ", ".join(f"{count} {name}" for name, count in created.items())
        )
