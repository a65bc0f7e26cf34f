from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from workstation.demo.content import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print the current two-factor codes of the demo accounts (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo codes are for development only (DEBUG is off). "
                "On a development machine, run `make codes`."
            )
        for account in DEMO_ACCOUNTS:
            if account.totp_secret:
                self.stdout.write(f"{account.email:32} {account.current_code()}")
