"""URLs: everything a person reads lives under /zh-hans/ or /en/; /healthz does not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from workstation.accounts import views as accounts
from workstation.api import errors as api_errors
from workstation.api import urls as api
from workstation.api import views as api_tokens
from workstation.events import urls as events
from workstation.health import healthz
from workstation.invitations import urls as invitations
from workstation.meetings import urls as meetings
from workstation.pages import views as pages
from workstation.publications import views as publications

workstation_patterns = (
    [
        path("", pages.home, name="home"),
        path("about/", pages.about, name="about"),
        path("policies/", publications.policy_list, name="policy_list"),
        path("policies/<int:pk>/", publications.policy_detail, name="policy_detail"),
        path("news/", publications.news_list, name="news_list"),
        path("news/<int:pk>/", publications.news_detail, name="news_detail"),
        path("account/settings/", accounts.account_settings, name="account_settings"),
        path("colleagues/", accounts.colleague_list, name="colleague_list"),
        path("colleagues/invite/", accounts.colleague_invite, name="colleague_invite"),
        path(
            "colleagues/<int:pk>/reinvite/", accounts.colleague_reinvite, name="colleague_reinvite"
        ),
        path("account/api-tokens/", api_tokens.token_list, name="api_tokens"),
        path(
            "account/api-tokens/<int:pk>/revoke/", api_tokens.token_revoke, name="api_token_revoke"
        ),
        *events.urlpatterns,
        *invitations.urlpatterns,
        *meetings.urlpatterns,
    ],
    "workstation",
)

# The read API: one namespace; each app lists its endpoints in its own module, included by name so
# that the core app imports none of the others.
api_patterns = (
    [
        *api.urlpatterns,
        path("v1/", include("workstation.api_urls")),
        path("v1/", include("talentpool.api_urls")),
        path("v1/", include("projects.api_urls")),
        path("v1/", include("reports.api_urls")),
    ],
    "api",
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", include(api_patterns)),
    path("i18n/setlang/", set_language, name="set_language"),
]
urlpatterns += i18n_patterns(
    path("", include(workstation_patterns)),
    path("accounts/", include("allauth.urls")),
    path("talent/", include("talentpool.urls")),
    path("projects/", include("projects.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# allauth looks its rate-limit answer up here.
handler429 = accounts.too_many_requests
handler404 = api_errors.page_not_found

admin.site.site_header = admin.site.site_title = _("Workstation administration")
