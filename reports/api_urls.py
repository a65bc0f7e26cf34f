"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls)."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = router.urls
