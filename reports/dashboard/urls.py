from django.urls import path

from reports.dashboard import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<int:year>/pdf/", views.year_end_pdf_request, name="dashboard_pdf_request"),
    path("dashboard/pdfs/<int:pk>/", views.year_end_pdf_download, name="dashboard_pdf_download"),
    path("dashboard/pdfs/<int:pk>/retry/", views.year_end_pdf_retry, name="dashboard_pdf_retry"),
]
