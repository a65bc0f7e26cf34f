from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from projects.demands import services
from projects.demands.models import Demand


@admin.register(Demand)
class DemandAdmin(TranslationAdmin):
    list_display = ("__str__", "organization", "kind", "industry", "is_active", "updated_at")
    list_filter = ("is_active", "kind", "industry")
    search_fields = ("title_zh_hans", "title_en", "organization__name")
    raw_id_fields = ("organization",)
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change) -> None:
        # Through the service, as the pages do: indexed for matching and audited.
        services.save_demand(demand=obj, actor=request.user, changed=form.changed_data)
