from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        # Reminder and PDF kinds register themselves on import.
        from projects import demo
        from projects.expo import pdfs  # noqa: F401
        from projects.pipeline import reminders  # noqa: F401
        from workstation.demo.services import register_demo_loader

        register_demo_loader("sample projects", demo.load_demo_projects)
