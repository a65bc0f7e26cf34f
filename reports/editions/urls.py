from django.urls import path

from reports.editions import views

urlpatterns = [
    path("briefings/<int:pk>/publish/", views.briefing_publish, name="briefing_publish"),
    path("briefings/<int:pk>/pdfs/", views.edition_request, name="edition_request"),
    path("briefings/<int:pk>/pdfs/<int:pdf_pk>/", views.edition_download, name="edition_download"),
    path("briefings/<int:pk>/pdfs/<int:pdf_pk>/retry/", views.edition_retry, name="edition_retry"),
]
