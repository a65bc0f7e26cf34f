from django.urls import path

from talentpool.directory import views

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/new/", views.profile_create, name="profile_create"),
    path("people/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("people/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/verify/", views.profile_verify, name="profile_verify"),
    path("people/<int:pk>/invite/", views.profile_invite, name="profile_invite"),
    path("people/<int:pk>/delete/", views.profile_delete, name="profile_delete"),
    path("people/<int:pk>/interactions/", views.interaction_add, name="interaction_add"),
]
