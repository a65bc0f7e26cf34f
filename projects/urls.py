"""URLs of the project pipeline, under /<language>/projects/; each sub-package brings its own."""

from django.urls import include, path

app_name = "projects"
urlpatterns = [
    path("", include("projects.pipeline.urls")),
    path("", include("projects.pipeline.board_urls")),
    path("", include("projects.demands.urls")),
    path("", include("projects.matching.urls")),
    path("", include("projects.expo.urls")),
    path("", include("projects.delegations.urls")),
]
