"""Briefings in the admin: read-only — they are written, reviewed and published in the portal."""

from django.contrib import admin

from reports.briefings.models import HistoryEntry, MonthlyBriefing, ReviewComment


class ReadOnly(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class HistoryInline(ReadOnly):
    model = HistoryEntry
    fields = ("action", "actor", "at", "note")
    readonly_fields = fields


class CommentInline(ReadOnly):
    model = ReviewComment
    fields = ("review_round", "section", "author", "created_at", "body")
    readonly_fields = fields


@admin.register(MonthlyBriefing)
class MonthlyBriefingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "review_round", "submitted_at", "published_at")
    list_filter = ("status", "year")
    readonly_fields = (
        "year",
        "month",
        "status",
        "review_round",
        "submitted_at",
        "approved_by",
        "approved_at",
        "published_by",
        "published_at",
        "compiled_at",
    )
    inlines = [HistoryInline, CommentInline]  # reports.editions.admin adds the PDFs

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
