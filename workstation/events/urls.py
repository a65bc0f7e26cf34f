"""URLs of the event pages, in the ``workstation`` namespace (ids and tokens, never slugs)."""

from django.urls import path

from workstation.events import views

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/calendar.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/qr.svg", views.event_qr, name="event_qr"),
    path("events/<int:pk>/check-in/", views.event_checkin, name="event_checkin"),
    path(
        "events/registrations/<int:pk>/attended/",
        views.registration_attend,
        name="registration_attend",
    ),
    path(
        "events/registrations/<int:pk>/cancel/",
        views.registration_staff_cancel,
        name="registration_staff_cancel",
    ),
    path("events/<int:pk>/speakers/new/", views.speaker_create, name="speaker_create"),
    path("events/speakers/<int:pk>/edit/", views.speaker_edit, name="speaker_edit"),
    path("events/speakers/<int:pk>/delete/", views.speaker_delete, name="speaker_delete"),
    path("events/<int:pk>/media-partners/new/", views.partner_create, name="partner_create"),
    path("events/media-partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("events/media-partners/<int:pk>/delete/", views.partner_delete, name="partner_delete"),
    path(
        "events/media-partners/<int:pk>/coverage/new/",
        views.coverage_create,
        name="coverage_create",
    ),
    path("events/coverage/<int:pk>/edit/", views.coverage_edit, name="coverage_edit"),
    path("events/coverage/<int:pk>/delete/", views.coverage_delete, name="coverage_delete"),
    path("events/cancel/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("events/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("account/calendar-feed/", views.calendar_feed_create, name="calendar_feed_create"),
    path("account/calendar-feed/revoke/", views.calendar_feed_revoke, name="calendar_feed_revoke"),
]
