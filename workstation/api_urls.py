"""This app's endpoints under /api/v1/ (namespace ``api``, see workstation.urls); kept out of the
``api`` sub-package, which the endpoints build on."""

from rest_framework.routers import SimpleRouter

from workstation.events.api import EventViewSet
from workstation.invitations.api import InvitationViewSet
from workstation.meetings.api import ActionItemViewSet, MeetingViewSet

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("invitations", InvitationViewSet, basename="invitation")

urlpatterns = router.urls
