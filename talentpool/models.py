"""Models of the talent pool, one sub-package per domain noun."""

from talentpool.campaigns.models import Campaign
from talentpool.consents.models import Consent
from talentpool.duplicates.models import DistinctPair
from talentpool.interactions.models import Interaction
from talentpool.pool_invitations.models import PoolInvitation
from talentpool.profiles.models import TalentProfile
from talentpool.spreadsheets.models import PendingImport

__all__ = [
    "Campaign",
    "Consent",
    "DistinctPair",
    "Interaction",
    "PendingImport",
    "PoolInvitation",
    "TalentProfile",
]
