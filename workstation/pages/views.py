from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from workstation.publications.models import NewsPost, PolicyPage

# The workstation's six duties (the founding agreement, section 2), in the portal's own words.
DUTIES = [
    (
        _("Publicize Lanzhou's policies"),
        _(
            "Make Lanzhou's policies on overseas talent, investment and the business environment "
            "known in Silicon Valley."
        ),
    ),
    (
        _("Report to Lanzhou every month"),
        _(
            "Meet the Lanzhou Municipal Science and Technology Bureau monthly and send it a "
            "written briefing on US innovation, venture capital and startup trends, and on the "
            "talent and projects interested in Lanzhou; keep a platform for sharing data."
        ),
    ),
    (
        _("Hold an investment and talent conference"),
        _(
            "Organize one Lanzhou investment and talent conference in Silicon Valley each year, "
            "with one or two media partners."
        ),
    ),
    (
        _("Bring projects to the Lanzhou Sci-Tech Expo"),
        _(
            "Each year bring about ten North American projects that intend to land in Lanzhou to "
            "the Lanzhou Sci-Tech Expo, match them with Lanzhou enterprises and industrial parks, "
            "and help Lanzhou delegations visit North America."
        ),
    ),
    (
        _("Invite leading figures to Lanzhou"),
        _(
            "Each year invite two to five North American executives, investors or scientists to "
            "events in Lanzhou."
        ),
    ),
    (
        _("Build a talent pool"),
        _(
            "Build a pool of Gansu and Lanzhou natives working in Silicon Valley and keep in touch "
            "with them."
        ),
    ),
]


def home(request):
    return render(
        request,
        "workstation/home.html",
        {
            "news": NewsPost.objects.visible_to(request.user)[:3],
            "policies": PolicyPage.objects.visible_to(request.user)[:3],
            "duties": DUTIES,
        },
    )


def about(request):
    return render(request, "workstation/about.html", {"duties": DUTIES})
