from django.urls import path

from reports.briefings import views

urlpatterns = [
    path("briefings/", views.briefing_list, name="briefing_list"),
    path("briefings/<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("briefings/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("briefings/<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path(
        "briefings/<int:pk>/items/<int:item_pk>/confirm/", views.item_confirm, name="item_confirm"
    ),
    path("briefings/<int:pk>/submit/", views.briefing_submit, name="briefing_submit"),
    path("briefings/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path(
        "briefings/<int:pk>/request-changes/",
        views.briefing_request_changes,
        name="briefing_request_changes",
    ),
    path("briefings/<int:pk>/approve/", views.briefing_approve, name="briefing_approve"),
]
