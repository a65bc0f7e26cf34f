"""URLs of the talent pool, under /<language>/talent/; each sub-package brings its own."""

from django.urls import include, path

app_name = "talentpool"
urlpatterns = [
    path("", include("talentpool.profiles.urls")),
    path("", include("talentpool.directory.urls")),
    path("", include("talentpool.spreadsheets.urls")),
    path("", include("talentpool.duplicates.urls")),
    path("", include("talentpool.counts.urls")),
    path("", include("talentpool.recommendations.urls")),
    path("", include("talentpool.campaigns.urls")),
]
