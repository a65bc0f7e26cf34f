"""URLs of the invitation pages, in the ``workstation`` namespace (ids, never names)."""

from django.urls import path

from workstation.invitations import views

urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation_detail"),
    path("invitations/<int:pk>/edit/", views.invitation_edit, name="invitation_edit"),
    path("invitations/<int:pk>/notes/", views.invitation_notes, name="invitation_notes"),
    path("invitations/<int:pk>/submit/", views.invitation_submit, name="invitation_submit"),
    path("invitations/<int:pk>/approve/", views.invitation_approve, name="invitation_approve"),
    path(
        "invitations/<int:pk>/send-back/", views.invitation_send_back, name="invitation_send_back"
    ),
    path("invitations/<int:pk>/sent/", views.invitation_mark_sent, name="invitation_mark_sent"),
    path("invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
    path("invitations/<int:pk>/travel/", views.invitation_travel, name="invitation_travel"),
    path("invitations/<int:pk>/attended/", views.invitation_attended, name="invitation_attended"),
]
