from django.conf import settings
from django.contrib import admin
from django.db import models
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


admin.site.register(NewsPost, PublicationAdmin)
