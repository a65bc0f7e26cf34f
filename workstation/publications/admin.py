from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from workstation.publications.models import NewsPost, PolicyPage
from workstation.translated import missing_languages


class PublicationAdmin(TabbedTranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("__str__", "is_published", "published_on", "is_sample", "missing")
    list_filter = ("is_published", "is_sample")
    search_fields = ("title_zh_hans", "title_en")
    date_hierarchy = "published_on"

    @admin.display(description=_("translation missing"))
    def missing(self, obj) -> str:
        names = dict(settings.LANGUAGES)
        missing = missing_languages(obj, ("title", "summary", "body"))
        return ", ".join(names[code] for code in missing) or "—"


@admin.register(PolicyPage)
class PolicyPageAdmin(PublicationAdmin):
    list_display = ("__str__", "topic", *PublicationAdmin.list_display[1:])
    list_filter = ("topic", *PublicationAdmin.list_filter)
    autocomplete_fields = ("audience_regions",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The audience's degrees and interests: tick boxes, not a comma-separated text box.
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return forms.MultipleChoiceField(
                label=capfirst(db_field.verbose_name),
                choices=db_field.base_field.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


admin.site.register(NewsPost, PublicationAdmin)
