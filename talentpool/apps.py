from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentpoolConfig(AppConfig):
    name = "talentpool"
    verbose_name = _("Talent pool")

    def ready(self) -> None:
        # Reminder kinds register themselves on import.
        from talentpool import demo
        from talentpool.campaigns import reminders as campaign_reminders  # noqa: F401
        from talentpool.directory import reminders  # noqa: F401
        from talentpool.pool_invitations import reminders as pool_reminders  # noqa: F401
        from workstation.demo.services import register_demo_loader

        register_demo_loader("sample talent profiles", demo.load_demo_talent)
