"""URLs of the reports app, under /<language>/reports/; each sub-package brings its own."""

from django.urls import include, path

app_name = "reports"
urlpatterns = [
    path("", include("reports.briefings.urls")),
    path("", include("reports.editions.urls")),
    path("", include("reports.dashboard.urls")),
    path("", include("reports.packages.urls")),
]
