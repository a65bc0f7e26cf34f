from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Reminder and PDF kinds register themselves on import.
        from reports import demo
        from reports.briefings import reminders  # noqa: F401
        from reports.dashboard import pdfs  # noqa: F401
        from reports.editions import pdfs as edition_pdfs  # noqa: F401
        from reports.editions import reminders as edition_reminders  # noqa: F401
        from reports.packages import pdfs as package_pdfs  # noqa: F401
        from workstation.demo.services import register_demo_loader

        register_demo_loader("sample briefing", demo.load_demo_briefing)
