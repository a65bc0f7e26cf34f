from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkstationConfig(AppConfig):
    name = "workstation"
    verbose_name = _("Workstation")

    def ready(self) -> None:
        # Signal receivers and reminder kinds register themselves on import.
        from workstation.accounts import receivers, reminders  # noqa: F401
        from workstation.demo.services import register_demo_loader
        from workstation.events import demo
        from workstation.events import reminders as event_reminders  # noqa: F401

        register_demo_loader("sample events", demo.load_demo_events)

        from workstation.invitations import demo as invitations_demo
        from workstation.invitations import reminders as invitation_reminders  # noqa: F401

        register_demo_loader("sample invitations", invitations_demo.load_demo_invitations)
        from workstation.meetings import demo as meetings_demo
        from workstation.meetings import reminders as meeting_reminders  # noqa: F401

        register_demo_loader("sample meetings", meetings_demo.load_demo_meetings)
