"""The API's own pages (schema, docs) and the workstation app's endpoints; the other apps' are
in their ``api_urls`` modules, gathered under /api/v1/ by workstation.urls."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from workstation.events.api import EventViewSet
from workstation.invitations.api import InvitationViewSet
from workstation.meetings.api import ActionItemViewSet, MeetingViewSet

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("invitations", InvitationViewSet, basename="invitation")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="workstation/api_docs.html"
        ),
        name="docs",
    ),
]
v1_urlpatterns = router.urls
