"""The person's own pages under /<language>/talent/me/, the CV download, the claim link and the
unsubscribe link of the workstation's mails."""

from django.urls import path

from talentpool.profiles import views

urlpatterns = [
    path("me/", views.profile_start, name="profile_start"),
    path("me/step/<int:step>/", views.profile_step, name="profile_step"),
    path("me/profile/", views.own_profile, name="own_profile"),
    path("me/profile/edit/", views.own_profile_edit, name="own_profile_edit"),
    path("me/consent/", views.own_consent, name="own_consent"),
    path("me/export/", views.own_export, name="own_export"),
    path("me/delete/", views.own_delete, name="own_delete"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
    path("people/<int:pk>/cv/", views.profile_cv, name="profile_cv"),
    path("claim/<str:token>/", views.profile_claim, name="profile_claim"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
