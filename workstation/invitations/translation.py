from modeltranslation.translator import TranslationOptions, register

from workstation.invitations.models import Invitation


@register(Invitation)
class InvitationTranslation(TranslationOptions):
    fields = ("affiliation", "bio")
    required_languages: tuple[str, ...] = ()
