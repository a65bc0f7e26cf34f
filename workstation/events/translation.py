from modeltranslation.translator import TranslationOptions, register

from workstation.events.models import Event, MediaPartner, Speaker


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "venue", "thank_you")
    # An event may exist in one language only; its page says which one is missing.
    required_languages: tuple[str, ...] = ()


@register(MediaPartner)
class MediaPartnerTranslation(TranslationOptions):
    fields = ("name",)
    required_languages: tuple[str, ...] = ()


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("affiliation", "bio")
    required_languages: tuple[str, ...] = ()
