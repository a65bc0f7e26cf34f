from django.urls import path

from projects.delegations import views

urlpatterns = [
    path("delegations/", views.delegation_list, name="delegation_list"),
    path("delegations/new/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    path("delegations/<int:pk>/edit/", views.delegation_edit, name="delegation_edit"),
    path("delegations/<int:pk>/members/", views.member_add, name="delegation_member_add"),
    path(
        "delegations/<int:pk>/members/<int:member_pk>/delete/",
        views.member_delete,
        name="delegation_member_delete",
    ),
    path("delegations/<int:pk>/itinerary/", views.itinerary_item_add, name="itinerary_item_add"),
    path(
        "delegations/<int:pk>/itinerary/<int:item_pk>/delete/",
        views.itinerary_item_delete,
        name="itinerary_item_delete",
    ),
    path("delegations/<int:pk>/pdf/", views.itinerary_pdf_request, name="itinerary_pdf_request"),
]
