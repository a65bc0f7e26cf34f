from modeltranslation.translator import TranslationOptions, register

from workstation.publications.models import NewsPost, PolicyPage


class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    # A publication may exist in one language only; pages say which one is missing.
    required_languages: tuple[str, ...] = ()


register(PolicyPage)(PublicationTranslation)
register(NewsPost)(PublicationTranslation)
