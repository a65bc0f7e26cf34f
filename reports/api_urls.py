"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from rest_framework.routers import SimpleRouter

from reports.dashboard.api import FiguresViewSet
from reports.editions.api import BriefingViewSet
from reports.packages.api import DataPackageViewSet

router = SimpleRouter()
router.register("briefings", BriefingViewSet, basename="briefing")
router.register("figures", FiguresViewSet, basename="figures")
router.register("data-packages", DataPackageViewSet, basename="data-package")

urlpatterns = router.urls
