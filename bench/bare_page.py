"""The bench's baseline: a bare Django page listing the directory's first 25 profiles with one
query, through the portal's middleware (session, sign-in, two-factor check, CSP) and the same
template engine, mounted beside the portal's URLs by ``bench/bare_settings.py`` only.

The response names the template loaders in use (``X-Template-Loaders``), so that the bench can
check that the cached loader is on in the server it measures.
"""

from django.conf.urls.i18n import i18n_patterns
from django.template import engines
from django.urls import path

from talentpool.profiles.models import TalentProfile
from workstation.urls import handler404, handler429
from workstation.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler429", "urlpatterns"]

TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="{{ LANGUAGE_CODE }}">
<head><meta charset="utf-8"><title>Bare page</title></head>
<body>
<h1>People</h1>
<table>
<thead><tr><th>Name</th><th>English name</th><th>Employer</th><th>Title</th></tr></thead>
<tbody>
{% for profile in profiles %}<tr>
<td><a href="/en/talent/people/{{ profile.pk }}/">{{ profile.name_zh }}</a></td>
<td>{{ profile.name_en }}</td><td>{{ profile.employer }}</td><td>{{ profile.title }}</td>
</tr>
{% endfor %}</tbody>
</table>
</body>
</html>
"""
)


def bare(request):
    from django.http import HttpResponse

    profiles = TalentProfile.objects.order_by("-created_at", "-id").only(
        "name_zh", "name_en", "employer", "title"
    )[:25]
    response = HttpResponse(TEMPLATE.render({"profiles": profiles}, request))
    loaders = engines["django"].engine.template_loaders
    response["X-Template-Loaders"] = ",".join(
        f"{type(loader).__module__}.{type(loader).__name__}" for loader in loaders
    )
    return response


urlpatterns = [
    *i18n_patterns(path("bench/bare/", bare, name="bench_bare"), prefix_default_language=True),
    *portal_urlpatterns,
]
