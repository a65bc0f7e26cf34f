"""Invitations in the admin: staff correct the VIP's details there; the status moves only through
the invitation's page (one step at a time, each kept), so the status and the steps are read only."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from workstation.invitations import services
from workstation.invitations.models import Invitation, InvitationStep


class InvitationStepInline(admin.TabularInline):
    model = InvitationStep
    extra = 0
    fields = ("status", "by", "at", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "event", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "email", "affiliation_zh_hans", "affiliation_en")
    raw_id_fields = ("event",)
    readonly_fields = ("status", "created_by", "created_at", "updated_at")
    inlines = (InvitationStepInline,)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not services.may_change_approved_fields(obj):
            # What an official approved (see workstation.invitations.services).
            fields = (*fields, *sorted(services.APPROVED_FIELDS))
        return fields

    def save_model(self, request, obj, form, change) -> None:
        # Through the services, as the pages do: the same checks and the same audit entries.
        if change:
            services.save_details(invitation=obj, changed=form.changed_data, actor=request.user)
        else:
            services.create_invitation(invitation=obj, actor=request.user)
