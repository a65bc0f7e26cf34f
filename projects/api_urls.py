"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from rest_framework.routers import SimpleRouter

from projects.demands.api import DemandViewSet
from projects.matching.api import MatchViewSet
from projects.pipeline.api import ProjectViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("demands", DemandViewSet, basename="demand")
router.register("matches", MatchViewSet, basename="match")

urlpatterns = router.urls
