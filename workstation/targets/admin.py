from django.contrib import admin

from workstation.targets.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """A year's own figure for a duty; a year without a row uses the default target."""

    list_display = ("year", "duty", "minimum", "maximum")
    list_filter = ("year", "duty")
    ordering = ("-year", "duty")
