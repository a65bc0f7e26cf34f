"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from rest_framework.routers import SimpleRouter

from projects.pipeline.api import ProjectViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")

urlpatterns = router.urls
