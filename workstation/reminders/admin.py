from django.contrib import admin

from workstation.reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("kind", "period", "recipient_email", "state", "attempts", "sent_at")
    list_filter = ("kind", "state")
    search_fields = ("recipient_email", "kind", "period")
    readonly_fields = [field.name for field in Reminder._meta.fields] + ["target"]

    def has_add_permission(self, request) -> bool:
        return False
