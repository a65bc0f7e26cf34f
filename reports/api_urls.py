"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from rest_framework.routers import SimpleRouter

from reports.packages.api import DataPackageViewSet

router = SimpleRouter()
router.register("data-packages", DataPackageViewSet, basename="data-package")

urlpatterns = router.urls
