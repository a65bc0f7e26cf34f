from django.urls import path

from talentpool.spreadsheets import views

urlpatterns = [
    path("people/export.csv", views.export_csv, name="export_csv"),
    path("people/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("people/import/", views.import_upload, name="import_upload"),
    path("people/import/<uuid:pk>/", views.import_preview, name="import_preview"),
    path("people/import/<uuid:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("people/import/<uuid:pk>/discard/", views.import_discard, name="import_discard"),
]
