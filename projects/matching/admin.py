from django.contrib import admin

from projects.matching.models import Introduction, Match


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Read only: a match is decided on the project's matching page, through ``decide_match``,
    which scores the pair and audits the decision; an admin edit would do neither."""

    list_display = ("project", "demand", "status", "score", "decided_by", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("project", "demand")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ("met_on", "project", "organization", "participants")
    raw_id_fields = ("project", "demand", "organization")
    readonly_fields = ("recorded_by", "created_at")
