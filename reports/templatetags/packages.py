"""The data packages on the briefing's page: reports.packages shows its own part there, as the
editions do, so that the briefings' views need not import the packages built on them."""

from __future__ import annotations

from django import template

from reports.packages.models import DataPackage
from reports.packages.services import packages_of

register = template.Library()


@register.simple_tag(takes_context=True)
def briefing_data_packages(context, briefing) -> list[DataPackage]:
    return packages_of(briefing=briefing, reader=context["request"].user)
