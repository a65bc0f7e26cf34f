from django.urls import path

from projects.expo import views

urlpatterns = [
    path("expo/", views.expo, name="expo"),
    path("expo/roster/", views.expo_roster_request, name="expo_roster_request"),
    path("pdf/<int:pk>/", views.pdf_download, name="pdf_download"),
    path("pdf/<int:pk>/retry/", views.pdf_retry, name="pdf_retry"),
]
