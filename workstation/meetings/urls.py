"""URLs of the meeting pages, in the ``workstation`` namespace (ids, never slugs)."""

from django.urls import path

from workstation.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/action-items/new/", views.action_item_add, name="action_item_add"),
    path("meetings/action-items/<int:pk>/edit/", views.action_item_edit, name="action_item_edit"),
    path(
        "meetings/action-items/<int:pk>/delete/",
        views.action_item_delete,
        name="action_item_delete",
    ),
    path("meetings/action-items/<int:pk>/done/", views.action_item_done, name="action_item_done"),
]
