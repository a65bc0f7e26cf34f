from django.contrib import admin

from workstation.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "actor_role", "action", "object_type", "object_id")
    list_filter = ("action", "object_type", "actor_role")
    search_fields = ("object_id", "action")
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
