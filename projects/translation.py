from modeltranslation.translator import TranslationOptions, register

from projects.delegations.models import Delegation, ItineraryItem
from projects.demands.models import Demand
from projects.pipeline.models import Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages: tuple[str, ...] = ()


@register(Demand)
class DemandTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages: tuple[str, ...] = ()


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title",)
    required_languages: tuple[str, ...] = ()


@register(ItineraryItem)
class ItineraryItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages: tuple[str, ...] = ()
