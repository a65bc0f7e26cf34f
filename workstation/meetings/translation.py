from modeltranslation.translator import TranslationOptions, register

from workstation.meetings.models import ActionItem, Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("agenda", "minutes")
    required_languages: tuple[str, ...] = ()


@register(ActionItem)
class ActionItemTranslation(TranslationOptions):
    fields = ("description",)
    required_languages: tuple[str, ...] = ()
