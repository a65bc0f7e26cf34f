"""The portal's main pages, with content on them, for the HTML checker and axe.

Both suites look at the same pages: the public ones signed out, the working ones as staff, a
talent's own pages as that talent, each in both languages. The content is made so that every part
of a page shows: lists with rows, a project with a next action and a stage change, rich text with a
link and an image, a submitted briefing, demands matching a talent's expertise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

LANGUAGES = ("en", "zh-hans")
# Rich text as staff write it, with what the sanitizer has to mend: an image on another host (it
# loses its source), an image without an alt and a javascript: link (it loses its target).
RICH_TEXT = (
    "Read [the notice](https://example.com/notice) and see the plan:\n\n"
    "![Site plan](/static/portal/favicon.svg) ![Tracker](https://tracker.example/pixel.png)\n\n"
    '<p><img src="/static/portal/favicon.svg"></p>\n\n'
    "[Click me](javascript:alert(1))\n\n| Year | Projects |\n|---|---|\n| 2026 | 10 |"
)


@dataclass(frozen=True)
class MainPage:
    label: str
    role: str  # "anonymous", "staff" or "talent"
    url_name: str
    kwargs: dict | None = None

    def url(self, language: str) -> str:
        with translation.override(language):
            return reverse(self.url_name, kwargs=self.kwargs)


def main_pages(staff, talent=None) -> list[MainPage]:
    """Make the content and list the pages; ``staff`` is the staff member who works on it, and
    ``talent`` (given) a person of the pool whose own pages are listed too."""
    from projects.pipeline.services import move_project
    from reports.briefings.services import submit
    from talentpool.campaigns.services import start_sending
    from talentpool.consents.services import make_withdrawal_token
    from tests.factories import (
        ActionItemFactory,
        BriefingItemFactory,
        CampaignFactory,
        EventFactory,
        InvitationFactory,
        NewsPostFactory,
        PolicyPageFactory,
        ProjectFactory,
        TalentProfileFactory,
        receive_news,
        share_with_lanzhou,
    )

    policy = PolicyPageFactory(body_en=RICH_TEXT, body_zh_hans=RICH_TEXT)
    PolicyPageFactory()
    news = NewsPostFactory(body_en=RICH_TEXT, body_zh_hans=RICH_TEXT)
    NewsPostFactory()
    event = EventFactory(kind="conference", description_en=RICH_TEXT)
    EventFactory(starts_at=timezone.now() - timedelta(days=40))
    project = ProjectFactory(
        next_action="Call the founder", next_action_on=timezone.localdate() + timedelta(days=3)
    )
    move_project(project=project, to_stage="contacted", by=staff, note="First call")
    ProjectFactory(expo_year=2026)
    share_with_lanzhou(TalentProfileFactory())
    TalentProfileFactory()
    item = BriefingItemFactory(summary_en=RICH_TEXT)
    submit(briefing=item.briefing, actor=staff)
    meeting = ActionItemFactory().meeting
    invitation = InvitationFactory()
    reader = receive_news(TalentProfileFactory())
    campaign = CampaignFactory(body_en=RICH_TEXT, body_zh_hans=RICH_TEXT, policy=policy)
    sending = start_sending(campaign=CampaignFactory(), actor=staff)

    public = [
        ("home", "workstation:home", None),
        ("policy list", "workstation:policy_list", None),
        ("policy page", "workstation:policy_detail", {"pk": policy.pk}),
        ("news list", "workstation:news_list", None),
        ("news post", "workstation:news_detail", {"pk": news.pk}),
        ("events list", "workstation:event_list", None),
        ("event page", "workstation:event_detail", {"pk": event.pk}),
        ("event registration", "workstation:event_register", {"pk": event.pk}),
        ("sign-up", "account_signup", None),
        ("sign-in", "account_login", None),
        ("project intake form", "projects:intake", None),
        (
            "unsubscribe page",
            "talentpool:unsubscribe",
            {"token": make_withdrawal_token(reader, "workstation_news")},
        ),
    ]
    working = [
        ("home", "workstation:home", None),
        ("talent directory", "talentpool:directory", None),
        ("project board", "projects:board", None),
        ("project table", "projects:table", None),
        ("project page", "projects:project_detail", {"pk": project.pk}),
        ("expo page", "projects:expo", None),
        ("briefing list", "reports:briefing_list", None),
        ("briefing page", "reports:briefing_detail", {"pk": item.briefing_id}),
        ("dashboard", "reports:dashboard", None),
        ("meetings", "workstation:meeting_list", None),
        ("meeting page", "workstation:meeting_detail", {"pk": meeting.pk}),
        ("meeting form", "workstation:meeting_create", None),
        ("event form", "workstation:event_edit", {"pk": event.pk}),
        ("invitations", "workstation:invitation_list", None),
        ("invitation page", "workstation:invitation_detail", {"pk": invitation.pk}),
        ("campaigns", "talentpool:campaign_list", None),
        ("campaign page", "talentpool:campaign_detail", {"pk": campaign.pk}),
        ("campaign being sent", "talentpool:campaign_detail", {"pk": sending.pk}),
        ("campaign form", "talentpool:campaign_edit", {"pk": campaign.pk}),
        ("campaign audience", "talentpool:campaign_audience", {"pk": campaign.pk}),
    ]
    own = talent_content(talent) if talent is not None else []
    return (
        [MainPage(label, "anonymous", name, kwargs) for label, name, kwargs in public]
        + [MainPage(label, "staff", name, kwargs) for label, name, kwargs in working]
        + [MainPage(label, "talent", name, kwargs) for label, name, kwargs in own]
    )


def talent_content(talent) -> list[tuple]:
    """``talent``'s complete profile, with a policy tagged for them and two demands matching their
    expertise, one of which they said they are interested in; their own pages."""
    from projects.demands.services import save_demand
    from talentpool.interactions.services import record_demand_interest
    from talentpool.profiles.services import complete_profile
    from tests.factories import DemandFactory, PolicyPageFactory, TalentProfileFactory
    from workstation.reference.models import Region

    profile = TalentProfileFactory(
        user=talent, email=talent.email, expertise="锂电池, batteries", interests=["part_time"]
    )
    complete_profile(profile=profile, actor=talent, share_with_lanzhou=False, receive_news=False)
    PolicyPageFactory(audience_interests=["part_time"]).audience_regions.set(
        Region.objects.filter(code="620100")
    )
    for title_zh, title_en in (("锂电池正极材料", "Battery cathodes"), ("锂电池回收", "")):
        demand = save_demand(
            demand=DemandFactory.build(
                title=title_zh,
                title_zh_hans=title_zh,
                title_en=title_en,
                description_zh_hans="希望引进锂电池技术。\n联系工作站。",
            ),
            actor=None,
        )
    record_demand_interest(profile=profile, demand=demand, actor=talent)
    return [
        ("for you", "talentpool:for_you", None),
        ("my profile", "talentpool:own_profile", None),
    ]
