from modeltranslation.translator import TranslationOptions, register

from reports.briefings.models import BriefingItem


@register(BriefingItem)
class BriefingItemTranslation(TranslationOptions):
    fields = ("headline", "summary")
    required_languages: tuple[str, ...] = ()
