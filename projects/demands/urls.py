from django.urls import path

from projects.demands import views

urlpatterns = [
    path("demands/", views.demand_list, name="demand_list"),
    path("demands/new/", views.demand_create, name="demand_create"),
    path("demands/<int:pk>/edit/", views.demand_edit, name="demand_edit"),
]
