from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from workstation.reference.models import Industry, Organization, Region


@admin.register(Industry)
class IndustryAdmin(TranslationAdmin):
    list_display = ("name", "key", "position")
    search_fields = ("name_zh_hans", "name_en", "key")


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("name", "code", "kind", "parent", "is_gansu", "is_lanzhou")
    list_filter = ("kind", "is_gansu", "is_lanzhou")
    search_fields = ("name_zh_hans", "name_en", "code")
    list_select_related = ("parent",)


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "kind", "region", "website")
    list_filter = ("kind",)
    search_fields = ("name_zh_hans", "name_en")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)
