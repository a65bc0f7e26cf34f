from modeltranslation.translator import TranslationOptions, register

from workstation.reference.models import Industry, Organization, Region


@register(Industry)
class IndustryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans", "en")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans", "en")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)
