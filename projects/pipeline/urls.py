from django.urls import path

from projects.pipeline import views

urlpatterns = [
    path("submit/", views.intake, name="intake"),
    path("submit/thanks/", views.intake_done, name="intake_done"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/move/", views.project_move, name="project_move"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
