"""A talent's "For you" page, under /<language>/talent/me/."""

from django.urls import path

from talentpool.recommendations import views

urlpatterns = [
    path("me/for-you/", views.for_you, name="for_you"),
    path("me/for-you/demands/<int:pk>/interested/", views.demand_interest, name="demand_interest"),
]
