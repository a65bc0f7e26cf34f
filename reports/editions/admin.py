"""A briefing's PDF editions in the admin, read only, under the briefing they belong to: the
briefing's admin is registered again with them, so that briefings need not know of editions."""

from django.contrib import admin

from reports.briefings.admin import MonthlyBriefingAdmin, ReadOnly
from reports.briefings.models import MonthlyBriefing
from reports.editions.models import BriefingPDF


class PDFInline(ReadOnly):
    model = BriefingPDF
    fields = ("kind", "language", "status", "version", "sha256", "generated_at")
    readonly_fields = fields


admin.site.unregister(MonthlyBriefing)


@admin.register(MonthlyBriefing)
class MonthlyBriefingWithEditionsAdmin(MonthlyBriefingAdmin):
    inlines = [*MonthlyBriefingAdmin.inlines, PDFInline]
