"""The API's own pages: the OpenAPI schema and its browsable docs (Swagger UI from static/). The
endpoints are in each app's ``api_urls``, gathered under /api/v1/ by workstation.urls."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="workstation/api_docs.html"
        ),
        name="docs",
    ),
]
