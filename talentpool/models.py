"""Models of the talent pool, one sub-package per domain noun."""

from talentpool.consents.models import Consent
from talentpool.interactions.models import Interaction
from talentpool.profiles.models import TalentProfile
from talentpool.spreadsheets.models import PendingImport

__all__ = ["Consent", "Interaction", "PendingImport", "TalentProfile"]
