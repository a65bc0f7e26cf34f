from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from projects.delegations import services
from projects.delegations.models import Delegation, DelegationMember, ItineraryItem


class MemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


class ItineraryInline(TranslationTabularInline):
    model = ItineraryItem
    extra = 0
    raw_id_fields = ("organization", "project")


@admin.register(Delegation)
class DelegationAdmin(TranslationAdmin):
    list_display = ("__str__", "lanzhou_organization", "starts_on", "ends_on")
    search_fields = ("title_zh_hans", "title_en")
    raw_id_fields = ("lanzhou_organization",)
    readonly_fields = ("created_by", "created_at")
    inlines = (MemberInline, ItineraryInline)

    def save_model(self, request, obj, form, change) -> None:
        # Through the service, as the pages do: the same audit entries.
        services.save_delegation(delegation=obj, actor=request.user, changed=form.changed_data)
