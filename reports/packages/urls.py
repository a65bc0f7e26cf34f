from django.urls import path

from reports.packages import views

urlpatterns = [
    path(
        "briefings/<int:pk>/data-packages/<int:package_pk>/",
        views.package_download,
        name="package_download",
    ),
    path(
        "briefings/<int:pk>/data-packages/<int:package_pk>/retry/",
        views.package_retry,
        name="package_retry",
    ),
]
