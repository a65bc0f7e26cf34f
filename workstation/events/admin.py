from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from workstation.events import services
from workstation.events.models import Coverage, Event, MediaPartner, Registration, Speaker
from workstation.translated import missing_languages


class SpeakerInline(TranslationStackedInline):
    model = Speaker
    extra = 0


class MediaPartnerInline(TranslationTabularInline):
    model = MediaPartner
    extra = 0
    show_change_link = True  # its coverage is kept on the partner's own page
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class RegistrationInline(admin.TabularInline):
    """Read only: cancelling and checking in go through the check-in page, which also moves
    people off the waiting list."""

    model = Registration
    extra = 0
    fields = ("name", "email", "organisation", "status", "created_at", "attended_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "kind", "starts_at", "is_public", "registration_open", "missing")
    list_filter = ("kind", "is_public", "registration_open", "is_sample")
    search_fields = ("title_zh_hans", "title_en")
    date_hierarchy = "starts_at"
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (SpeakerInline, MediaPartnerInline, RegistrationInline)

    def save_model(self, request, obj, form, change) -> None:
        # Through the service, like the portal's form: a larger capacity fills places from the
        # waiting list, and the change is audited.
        services.save_event(event=obj, actor=request.user, changed=form.changed_data)

    @admin.display(description=_("translation missing"))
    def missing(self, obj) -> str:
        names = dict(settings.LANGUAGES)
        missing = missing_languages(obj, ("title",))
        return ", ".join(names[code] for code in missing) or "—"


class CoverageInline(admin.TabularInline):
    model = Coverage
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(MediaPartner)
class MediaPartnerAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "event", "website")
    search_fields = ("name_zh_hans", "name_en")
    raw_id_fields = ("event",)
    inlines = (CoverageInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "event", "status", "created_at", "attended_at")
    list_filter = ("status",)
    search_fields = ("name", "email", "organisation")
    readonly_fields = [field.name for field in Registration._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
