"""Models of the reports app, one sub-package per domain noun."""

from reports.briefings.models import BriefingItem, HistoryEntry, MonthlyBriefing, ReviewComment
from reports.dashboard.models import YearEndPDF
from reports.editions.models import BriefingPDF
from reports.packages.models import DataPackage

__all__ = [
    "BriefingItem",
    "BriefingPDF",
    "DataPackage",
    "HistoryEntry",
    "MonthlyBriefing",
    "ReviewComment",
    "YearEndPDF",
]
