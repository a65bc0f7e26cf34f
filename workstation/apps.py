from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkstationConfig(AppConfig):
    name = "workstation"
    verbose_name = _("Workstation")

    def ready(self) -> None:
        # Signal receivers and reminder kinds register themselves on import.
        from workstation.accounts import receivers, reminders  # noqa: F401
