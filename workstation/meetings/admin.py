from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from workstation.meetings import services
from workstation.meetings.models import ActionItem, Meeting
from workstation.meetings.services import meeting_people
from workstation.translated import missing_languages


class ActionItemInline(TranslationTabularInline):
    model = ActionItem
    extra = 0
    fields = ("description", "owner", "due_on", "done_at")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = meeting_people()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Meeting)
class MeetingAdmin(TabbedTranslationAdmin):
    """Scheduling goes through the meeting pages (they keep the event a private monthly meeting);
    the admin corrects a meeting's record, its invitees and its action items, saved through the
    same services, so the same checks and the same audit entries."""

    list_display = ("__str__", "starts_at", "invitee_count", "minutes_missing")
    search_fields = ("event__title_zh_hans", "event__title_en")
    raw_id_fields = ("event",)
    filter_horizontal = ("invitees",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (ActionItemInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event").prefetch_related("invitees")

    def save_model(self, request, obj, form, change) -> None:
        services.save_meeting(
            event=obj.event,
            meeting=obj,
            invitees=form.cleaned_data["invitees"],
            actor=request.user,
            changed=form.changed_data,
        )

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ActionItem:
            super().save_formset(request, form, formset, change)
            return
        items = formset.save(commit=False)
        for item in formset.deleted_objects:
            services.delete_action_item(item=item, actor=request.user)
        forms_by_item = {id(item_form.instance): item_form for item_form in formset.forms}
        for item in items:
            changed = forms_by_item[id(item)].changed_data
            services.save_action_item(item=item, actor=request.user, changed=changed)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "invitees":
            kwargs["queryset"] = meeting_people()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("starts at"), ordering="event__starts_at")
    def starts_at(self, obj):
        return obj.event.starts_at

    @admin.display(description=_("invited"))
    def invitee_count(self, obj) -> int:
        return len(obj.invitees.all())

    @admin.display(description=_("minutes missing in"))
    def minutes_missing(self, obj) -> str:
        names = dict(settings.LANGUAGES)
        missing = missing_languages(obj, ("minutes",))
        return ", ".join(names[code] for code in missing) or "—"
