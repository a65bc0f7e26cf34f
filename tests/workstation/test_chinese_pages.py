"""No English interface word is left on a Chinese page.

Every page a role can reach is fetched under /zh-hans/; the visible text and the texts read out by
assistive technology (aria-label, title, alt, placeholder, button values) are checked word by word
against an allow-list. Text an element marks as another language (``lang="en"``, e.g. the
workstation's English name beside the Chinese one, or a publication that exists only in English)
is intentionally not Chinese and is left out.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.chinese_text import english_words
from tests.factories import (
    BriefingItemFactory,
    CampaignFactory,
    EventFactory,
    InvitationFactory,
    MeetingFactory,
    NewsPostFactory,
    PolicyPageFactory,
    ProjectFactory,
    TalentProfileFactory,
    receive_news,
    share_with_lanzhou,
)
from workstation.invitations.services import submit_for_approval

pytestmark = pytest.mark.django_db


def pages_for(role: str) -> tuple[list[str], tuple[str, ...]]:
    policy = PolicyPageFactory()
    news = NewsPostFactory()
    english_only = NewsPostFactory(title_zh_hans="", summary_zh_hans="", body_zh_hans="")
    event = EventFactory(kind="conference", capacity=1)
    full_event = EventFactory(capacity=0)
    public = [
        "/",
        "/about/",
        "/policies/",
        f"/policies/{policy.pk}/",
        "/policies/?topic=talent",
        "/news/",
        f"/news/{news.pk}/",
        f"/news/{english_only.pk}/",
        "/no-such-page/",
        path_of("workstation:event_list"),
        path_of("workstation:event_detail", pk=event.pk),
        path_of("workstation:event_register", pk=event.pk),
        path_of("workstation:event_register", pk=full_event.pk),
    ]
    content = (english_only.title_en, english_only.summary_en, english_only.body_en)
    if role == "anonymous":
        from talentpool.consents.services import make_withdrawal_token

        reader = receive_news(TalentProfileFactory())
        token = make_withdrawal_token(reader, "workstation_news")
        return [
            *public,
            path_of("talentpool:unsubscribe", token=token),
            path_of("talentpool:unsubscribe", token="not-a-token"),
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/accounts/confirm-email/",
            "/accounts/password/reset/done/",
            path_of("projects:intake"),
            path_of("projects:intake_done"),
        ], content
    signed_in = [
        *public,
        "/account/settings/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
    ]
    person = share_with_lanzhou(
        TalentProfileFactory(
            name_zh="王伟",
            name_en="",
            employer="华为",
            title="工程师",
            expertise="机器学习",
            email="wang.wei@example.com",
        )
    )
    talent_pool = [path_of("talentpool:privacy_notice"), path_of("talentpool:counts")]
    project = ProjectFactory(
        title_zh_hans="固态锂电池",
        title_en="",
        summary_en="",
        company="示例公司",
        contact_name="陈明",
    )
    pipeline = [
        path_of("projects:board"),
        path_of("projects:table"),
        path_of("projects:demand_list"),
        path_of("projects:expo"),
        path_of("projects:delegation_list"),
        path_of("projects:project_detail", pk=project.pk),
        path_of("projects:project_matches", pk=project.pk),
    ]
    briefing = BriefingItemFactory(headline_en="", summary_en="").briefing
    BriefingItemFactory(briefing=briefing, section="policy_watch")
    briefing.review_round = 1
    briefing.save()
    briefings = [
        path_of("reports:briefing_list"),
        path_of("reports:briefing_list") + "?q=创新",
        path_of("reports:briefing_detail", pk=briefing.pk),
        path_of("reports:dashboard"),
    ]
    invitation = InvitationFactory(name="李明")
    submit_for_approval(invitation=invitation, actor=None)
    invitation_year = invitation.event.starts_at.year
    invitations = [
        path_of("workstation:invitation_list"),
        path_of("workstation:invitation_list") + f"?year={invitation_year}",
        path_of("workstation:invitation_detail", pk=invitation.pk),
    ]
    meeting = MeetingFactory()
    meetings = [
        path_of("workstation:meeting_list"),
        path_of("workstation:meeting_detail", pk=meeting.pk),
    ]
    if role == "staff":
        from talentpool.campaigns.services import start_sending

        receive_news(person)
        draft = CampaignFactory(body_en="")  # with what keeps it from being sent
        sending = start_sending(campaign=CampaignFactory(), actor=None)
        campaigns = [
            path_of("talentpool:campaign_list"),
            path_of("talentpool:campaign_create"),
            path_of("talentpool:campaign_detail", pk=draft.pk),
            path_of("talentpool:campaign_detail", pk=sending.pk),
            path_of("talentpool:campaign_edit", pk=draft.pk),
            path_of("talentpool:campaign_audience", pk=draft.pk),
        ]
        return [
            *campaigns,
            *invitations,
            path_of("workstation:invitation_create"),
            path_of("workstation:invitation_edit", pk=invitation.pk),
            path_of("workstation:invitation_notes", pk=invitation.pk),
            *meetings,
            path_of("workstation:meeting_create"),
            path_of("workstation:meeting_edit", pk=meeting.pk),
            path_of("workstation:meeting_minutes", pk=meeting.pk),
            *briefings,
            path_of("reports:item_add", pk=briefing.pk),
            *signed_in,
            *talent_pool,
            "/colleagues/",
            "/colleagues/invite/",
            path_of("talentpool:directory"),
            path_of("talentpool:directory") + "?q=王伟",
            path_of("talentpool:profile_detail", pk=person.pk),
            path_of("talentpool:profile_edit", pk=person.pk),
            path_of("talentpool:profile_create"),
            path_of("talentpool:import_upload"),
            path_of("talentpool:duplicates"),
            *pipeline,
            path_of("projects:project_create"),
            path_of("projects:demand_create"),
            path_of("projects:delegation_create"),
            path_of("workstation:event_create"),
            path_of("workstation:event_edit", pk=event.pk),
            path_of("workstation:event_checkin", pk=event.pk),
            path_of("workstation:speaker_create", pk=event.pk),
            path_of("workstation:partner_create", pk=event.pk),
        ], content
    if role == "official":
        return [
            *invitations,
            *signed_in,
            *talent_pool,
            "/colleagues/",
            path_of("talentpool:directory"),
            path_of("talentpool:profile_detail", pk=person.pk),
            *pipeline,
            *briefings,
            *meetings,
        ], content
    return [
        *signed_in,
        *talent_pool,
        "/colleagues/",
        path_of("talentpool:profile_step", step=1),
        path_of("talentpool:own_export"),
        path_of("talentpool:own_delete"),
    ], content


def path_of(name: str, **kwargs) -> str:
    """The path without its language prefix (the test adds /zh-hans)."""
    return reverse(name, kwargs=kwargs).removeprefix("/en")


@pytest.mark.parametrize("role", ["anonymous", "talent", "official", "staff"])
def test_chinese_pages_have_no_untranslated_words(role, clients):
    client = clients[role]
    found = {}
    paths, content = pages_for(role)
    for path in paths:
        response = client.get(f"/zh-hans{path}")
        assert response.status_code in (200, 400, 403, 404), path
        words = english_words(response.content.decode(), content)
        if words:
            found[path] = sorted(words)
    assert not found, f"English words on Chinese pages: {found}"


def test_the_check_finds_an_english_word():
    assert english_words("<p>中文 Sign in</p>") == {"Sign", "in"}
    assert english_words('<p>中文 <span lang="en">Workstation</span></p>') == set()
    assert english_words('<button aria-label="Close">×</button>') == {"Close"}
