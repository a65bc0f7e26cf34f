"""The header's main links: each reader sees those their permissions open, and each set of links
is written once per language (reversing twenty URLs cost more than the rest of the header)."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

STAFF_MEMBER = "is_staff"  # Django's flag for the administration, not a permission

# (URL name, label, the permission that shows it: None for everyone)
MAIN_LINKS = (
    ("workstation:home", _("Home"), None),
    ("workstation:about", _("About"), None),
    ("workstation:policy_list", _("Policies"), None),
    ("workstation:news_list", _("News"), None),
    ("workstation:event_list", _("Events"), None),
    ("talentpool:directory", _("Talent pool"), "talentpool.view_directory"),
    ("talentpool:counts", _("Pool in numbers"), "talentpool.view_directory"),
    ("talentpool:campaign_list", _("Campaigns"), "talentpool.manage_campaigns"),
    ("projects:board", _("Projects"), "projects.view_pipeline"),
    ("reports:briefing_list", _("Briefings"), "reports.view_briefings"),
    ("workstation:invitation_list", _("VIP invitations"), "workstation.read_invitations"),
    ("workstation:meeting_list", _("Meetings"), "workstation.view_meetings"),
    ("reports:dashboard", _("Annual duties"), "reports.view_dashboard"),
    ("talentpool:for_you", _("For you"), "talentpool.keep_own_profile"),
    ("talentpool:profile_start", _("My profile"), "talentpool.keep_own_profile"),
    ("workstation:colleague_list", _("Colleagues"), "workstation.invite_colleague"),
    ("admin:index", _("Administration"), STAFF_MEMBER),
)


def _opens(user, permission: str | None) -> bool:
    if permission is None:
        return True
    if permission == STAFF_MEMBER:
        return bool(getattr(user, "is_staff", False))
    return user is not None and user.has_perm(permission)


@lru_cache(maxsize=256)
def _written(language: str, prefix: str, shown: tuple[int, ...]) -> str:
    return format_html_join(
        "\n",
        '<li><a href="{}">{}</a></li>',
        ((reverse(MAIN_LINKS[index][0]), MAIN_LINKS[index][1]) for index in shown),
    )


@register.simple_tag(takes_context=True)
def main_links(context) -> str:
    """The ``<li>`` of each main link the reader may follow."""
    user = context.get("user")
    opens: dict[str | None, bool] = {}  # each permission asked once: links share some
    for _name, _label, permission in MAIN_LINKS:
        if permission not in opens:
            opens[permission] = _opens(user, permission)
    shown = tuple(index for index, link in enumerate(MAIN_LINKS) if opens[link[2]])
    return _written(get_language(), get_script_prefix(), shown)
