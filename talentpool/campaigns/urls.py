"""The campaign pages under /<language>/talent/campaigns/ (ids, never names)."""

from django.urls import path

from talentpool.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/audience/", views.campaign_audience, name="campaign_audience"),
    path("campaigns/<int:pk>/test/", views.campaign_test, name="campaign_test"),
    path("campaigns/<int:pk>/send/", views.campaign_send, name="campaign_send"),
    path("campaigns/<int:pk>/progress/", views.campaign_progress, name="campaign_progress"),
]
