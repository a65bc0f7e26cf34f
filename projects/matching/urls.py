from django.urls import path

from projects.matching import views

urlpatterns = [
    path("demands/<int:pk>/", views.demand_detail, name="demand_detail"),
    path("<int:pk>/matches/", views.project_matches, name="project_matches"),
    path("<int:pk>/matches/<int:demand_pk>/decide/", views.match_decide, name="match_decide"),
    path("<int:pk>/introductions/", views.introduction_add, name="introduction_add"),
]
