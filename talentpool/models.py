"""Models of the talent pool, one sub-package per domain noun."""

from talentpool.consents.models import Consent
from talentpool.interactions.models import Interaction
from talentpool.profiles.models import TalentProfile

__all__ = ["Consent", "Interaction", "TalentProfile"]
