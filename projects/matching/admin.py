from django.contrib import admin

from projects.matching.models import Introduction, Match


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("project", "demand", "status", "score", "decided_by", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("project", "demand")
    readonly_fields = ("decided_by", "decided_at")


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ("met_on", "project", "organization", "participants")
    raw_id_fields = ("project", "demand", "organization")
    readonly_fields = ("recorded_by", "created_at")
