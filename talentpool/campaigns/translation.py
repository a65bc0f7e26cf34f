from modeltranslation.translator import TranslationOptions, register

from talentpool.campaigns.models import Campaign


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("subject", "body")
    # A draft may be written in one language first; sending needs both.
    required_languages: tuple[str, ...] = ()
