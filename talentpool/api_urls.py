"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from talentpool.counts.api import TalentCountsView
from talentpool.profiles.api import TalentProfileViewSet

router = SimpleRouter()
router.register("talents", TalentProfileViewSet, basename="talent")

urlpatterns = [
    path("talent-counts/", TalentCountsView.as_view(), name="talent-counts"),
    *router.urls,
]
