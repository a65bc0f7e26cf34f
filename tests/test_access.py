"""What every role gets at every URL, from one table keyed by URL name.

A URL without a row fails ``test_every_url_has_a_row``. Expected values: a status code, ``LOGIN``
(sent to sign in), ``ADMIN_LOGIN`` (sent to the admin's sign-in) or ``AWAY`` (redirected elsewhere,
e.g. a signed-in user visiting the sign-up page).
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import (
    DemandFactory,
    NewsPostFactory,
    PolicyPageFactory,
    ProjectFactory,
    TalentProfileFactory,
    UserFactory,
)

LOGIN, ADMIN_LOGIN, AWAY = "login", "admin-login", "away"
ROLES = ("anonymous", "talent", "other_talent", "official", "staff")


def everyone(result):
    return dict.fromkeys(ROLES, result)


def signed_in(result, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], result)}


def staff_only(result=200, others=403):
    return {
        "anonymous": LOGIN,
        "talent": others,
        "other_talent": others,
        "official": others,
        "staff": result,
    }


def talents_own(result, others=403, other_talent=None, anonymous=LOGIN):
    return {
        "anonymous": anonymous,
        "talent": result,
        "other_talent": result if other_talent is None else other_talent,
        "official": others,
        "staff": others,
    }


def talent_profile():
    """The talent fixture's complete profile with a CV."""
    from django.core.files.base import ContentFile

    from talentpool.profiles.services import complete_profile
    from tests.factories import TalentProfileFactory
    from workstation.accounts.models import User

    user = User.objects.get(email="talent@example.org")
    profile = TalentProfileFactory(user=user, email=user.email, source="self_registered")
    profile.cv.save("cv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    complete_profile(profile=profile, actor=user, share_with_lanzhou=False, receive_news=False)
    return profile


def with_own_profile():
    talent_profile()
    return {}


def own_profile_and_a_demand():
    """The talent fixture's profile and an open demand it may say it is interested in."""
    talent_profile()
    return {"pk": DemandFactory().pk}


def claim_token():
    from talentpool.directory.services import make_claim_token
    from tests.factories import TalentProfileFactory

    return make_claim_token(TalentProfileFactory(email="talent@example.org"))


def a_project():
    return {"pk": ProjectFactory().pk}


def a_match():
    from projects.matching.services import decide_match

    match = decide_match(
        project=ProjectFactory(), demand=DemandFactory(), decision="confirm", actor=None
    )
    return {"pk": match.pk}


def a_project_document():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.pipeline.services import add_document

    document = add_document(
        project=ProjectFactory(),
        title="Deck",
        actor=None,
        file=SimpleUploadedFile("d.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return {"pk": document.pk}


def ready_pdf():
    from django.core.files.base import ContentFile

    from projects.expo.models import GeneratedPDF

    document = GeneratedPDF.objects.create(
        kind="expo_roster", subject="2027", language="en", status="ready"
    )
    document.file.save("roster.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return document


def failed_pdf():
    from projects.expo.models import GeneratedPDF

    document = GeneratedPDF.objects.create(
        kind="expo_roster", subject="2027", language="en", status="failed", error="No font"
    )
    return {"pk": document.pk}


def failed_year_end_pdf():
    from reports.dashboard.models import YearEndPDF

    summary = YearEndPDF.objects.create(
        year=2025, language="en", status="failed", error="No font", requested_at=timezone.now()
    )
    return {"pk": summary.pk}


def briefing(submitted=False):
    """A briefing with one complete item; submitted, officials see it too."""
    from reports.briefings.services import submit
    from tests.factories import BriefingItemFactory

    item = BriefingItemFactory()
    if submitted:
        submit(briefing=item.briefing, actor=None)
    return {"pk": item.briefing_id}


def published_briefing():
    """A briefing with one item, published: the API gives it to staff and officials."""
    from reports.briefings.models import MonthlyBriefing

    kwargs = briefing(submitted=True)
    MonthlyBriefing.objects.filter(pk=kwargs["pk"]).update(
        status="published", published_at=timezone.now()
    )
    return kwargs


def published_english_edition():
    """A published briefing with its ready English final edition."""
    kwargs = published_briefing()
    ready_english_pdf(kwargs["pk"], kind="published")
    return {"pk": kwargs["pk"], "language": "en"}


def briefing_item():
    from tests.factories import BriefingItemFactory

    item = BriefingItemFactory()
    return {"pk": item.briefing_id, "item_pk": item.pk}


def ready_english_pdf(briefing_pk: int, *, kind: str):
    from django.core.files.base import ContentFile

    from reports.editions.models import BriefingPDF

    edition = BriefingPDF.objects.create(
        briefing_id=briefing_pk,
        kind=kind,
        language="en",
        status="ready",
        requested_at=timezone.now(),
    )
    edition.file.save("briefing.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return edition


def ready_edition():
    kwargs = briefing(submitted=True)
    return {**kwargs, "pdf_pk": ready_english_pdf(kwargs["pk"], kind="draft").pk}


def failed_edition():
    from reports.editions.models import BriefingPDF

    kwargs = briefing(submitted=True)
    edition = BriefingPDF.objects.create(
        briefing_id=kwargs["pk"],
        kind="published",
        language="zh-hans",
        status="failed",
        error="No Chinese font",
        requested_at=timezone.now(),
    )
    return {**kwargs, "pdf_pk": edition.pk}


def ready_year_end_pdf():
    from django.core.files.base import ContentFile

    from reports.dashboard.models import YearEndPDF

    summary = YearEndPDF.objects.create(
        year=2025, language="en", status="ready", requested_at=timezone.now()
    )
    summary.file.save("year-end.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return {"pk": summary.pk}


def data_package(status="ready"):
    """A published briefing's data package: ready (with a file) or failed."""
    from django.core.files.base import ContentFile

    from reports.briefings.models import HistoryEntry
    from reports.packages.models import DataPackage

    kwargs = briefing(submitted=True)
    package = DataPackage.objects.create(
        publication=HistoryEntry.objects.create(briefing_id=kwargs["pk"], action="published"),
        status=status,
        error="No disk space" if status == "failed" else "",
        requested_at=timezone.now(),
    )
    if status == "ready":
        package.file.save("data.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=True)
    return {**kwargs, "package_pk": package.pk}


def api_data_package():
    return {"pk": data_package()["package_pk"]}


def api_readers(result=200):
    """An API endpoint: staff and officials read it (what each sees is the models' visible_to);
    talents are refused, and a request without credentials gets 401 in the API's error shape."""
    return {
        "anonymous": 401,
        "talent": 403,
        "other_talent": 403,
        "official": result,
        "staff": result,
    }


def own_api_token():
    """A token of the staff member's: only its holder revokes it."""
    from workstation.accounts.models import User
    from workstation.api.services import issue_token

    token, _key = issue_token(actor=User.objects.get(email="staff@example.org"), name="Bureau")
    return {"pk": token.pk}


def officials_only(result, others=403):
    return {
        "anonymous": LOGIN,
        "talent": others,
        "other_talent": others,
        "official": result,
        "staff": others,
    }


def delegation():
    from datetime import date

    from projects.delegations.models import Delegation

    return Delegation.objects.create(
        title_en="Lanzhou delegation", starts_on=date(2026, 9, 14), ends_on=date(2026, 9, 20)
    )


def delegation_member():
    from projects.delegations.models import DelegationMember

    member = DelegationMember.objects.create(delegation=delegation(), name="Li Ming")
    return {"pk": member.delegation_id, "member_pk": member.pk}


def itinerary_item():
    from datetime import UTC, datetime

    from projects.delegations.models import ItineraryItem

    item = ItineraryItem.objects.create(
        delegation=delegation(), starts_at=datetime(2026, 9, 15, 17, tzinfo=UTC), title_en="Visit"
    )
    return {"pk": item.delegation_id, "item_pk": item.pk}


def pending_import():
    from talentpool.spreadsheets.models import PendingImport
    from workstation.accounts.models import User

    return PendingImport.objects.create(
        uploaded_by=User.objects.get(email="staff@example.org"),
        file_name="people.csv",
        rows=[{"number": 2, "values": {"name_en": "Jane Doe"}}],
    )


def shared_profile():
    from tests.factories import TalentProfileFactory, share_with_lanzhou

    return share_with_lanzhou(TalentProfileFactory())


def invited_official():
    from workstation.accounts.services import invite_colleague

    return invite_colleague(
        email="invited@example.org",
        full_name="Invited",
        role="official",
        preferred_language="zh-hans",
        invited_by=None,
    )


def an_event():
    from tests.factories import EventFactory

    return {"pk": EventFactory().pk}


def a_conference():
    from tests.factories import EventFactory

    return {"pk": EventFactory(kind="conference").pk}


def a_speaker():
    from workstation.events.models import Speaker

    return {"pk": Speaker.objects.create(event_id=a_conference()["pk"], name="Ada Lee").pk}


def a_media_partner():
    from workstation.events.models import MediaPartner

    return {"pk": MediaPartner.objects.create(event_id=a_conference()["pk"], name_en="SV Daily").pk}


def a_coverage_item():
    from workstation.events.models import Coverage

    item = Coverage.objects.create(
        partner_id=a_media_partner()["pk"],
        title="Story",
        url="https://news.example/a",
        published_on=timezone.localdate(),
    )
    return {"pk": item.pk}


def a_registration():
    from tests.factories import RegistrationFactory

    return {"pk": RegistrationFactory().pk}


def a_cancel_token():
    from tests.factories import RegistrationFactory
    from workstation.events.services import make_cancel_token

    return {"token": make_cancel_token(RegistrationFactory())}


def a_feed_token():
    from workstation.accounts.models import User
    from workstation.events.services import create_calendar_feed

    staff = User.objects.get(email="staff@example.org")
    return {"token": create_calendar_feed(user=staff).token}


def an_invitation(step: str = "draft"):
    """A VIP invitation: a draft, or taken by the services up to ``step`` (submitted, approved,
    sent, accepted, travel_arranged)."""
    from tests.factories import InvitationFactory
    from workstation.accounts.models import User
    from workstation.invitations import services as invitations

    invitation = InvitationFactory()
    staff = User.objects.get(email="staff@example.org")
    official = User.objects.get(email="official@example.org")
    steps = ["draft", "submitted", "approved", "sent", "accepted", "travel_arranged"]
    for name in steps[1 : steps.index(step) + 1]:
        if name == "submitted":
            invitations.submit_for_approval(invitation=invitation, actor=staff)
        elif name == "approved":
            invitations.approve(invitation=invitation, actor=official)
        elif name == "sent":
            invitations.mark_sent(invitation=invitation, actor=staff)
        elif name == "accepted":
            invitations.record_answer(invitation=invitation, accepted=True, actor=staff)
        else:
            invitations.arrange_travel(invitation=invitation, actor=staff)
    return {"pk": invitation.pk}


def a_meeting():
    from tests.factories import MeetingFactory

    return {"pk": MeetingFactory().pk}


def an_action_item():
    from tests.factories import ActionItemFactory

    return {"pk": ActionItemFactory().pk}


def a_campaign():
    from tests.factories import CampaignFactory

    return {"pk": CampaignFactory().pk}


def an_unsubscribe_token():
    from talentpool.consents.services import make_withdrawal_token
    from tests.factories import TalentProfileFactory, receive_news

    reader = receive_news(TalentProfileFactory())
    return {"token": make_withdrawal_token(reader, "workstation_news")}


# URL name → (method, kwargs factory or None, {role: expected})
ACCESS = {
    # Monthly briefings: staff write, submit, publish; officials see submitted ones and review.
    "reports:briefing_list": ("get", None, staff_only() | {"official": 200}),
    "reports:briefing_detail": (
        "get",
        lambda: briefing(submitted=True),
        staff_only() | {"official": 200},
    ),
    "reports:item_add": ("get", briefing, staff_only()),
    "reports:item_edit": ("get", briefing_item, staff_only()),
    "reports:item_delete": ("post", briefing_item, staff_only(AWAY)),
    "reports:item_confirm": ("post", briefing_item, staff_only(AWAY)),
    "reports:briefing_submit": ("post", briefing, staff_only(AWAY)),
    "reports:briefing_publish": ("post", briefing, staff_only(AWAY)),
    "reports:edition_request": ("post", briefing, staff_only(AWAY)),
    "reports:edition_download": ("get", ready_edition, staff_only() | {"official": 200}),
    "reports:edition_retry": ("post", failed_edition, staff_only(AWAY)),
    "reports:package_download": ("get", data_package, staff_only() | {"official": 200}),
    "reports:package_retry": ("post", lambda: data_package("failed"), staff_only(AWAY)),
    # The annual-duties dashboard and its year-end PDF: staff and officials.
    "reports:dashboard": ("get", None, staff_only() | {"official": 200}),
    "reports:dashboard_pdf_request": (
        "post",
        lambda: {"year": 2025},
        staff_only(AWAY) | {"official": AWAY},
    ),
    "reports:dashboard_pdf_download": ("get", ready_year_end_pdf, staff_only() | {"official": 200}),
    "reports:dashboard_pdf_retry": ("post", failed_year_end_pdf, staff_only(AWAY)),
    # An empty comment or request re-renders the page with its error.
    "reports:comment_add": ("post", lambda: briefing(submitted=True), officials_only(400)),
    "reports:briefing_request_changes": (
        "post",
        lambda: briefing(submitted=True),
        officials_only(400),
    ),
    "reports:briefing_approve": ("post", lambda: briefing(submitted=True), officials_only(AWAY)),
    "healthz": ("get", None, everyone(200)),
    "set_language": ("post", None, everyone(AWAY)),
    "workstation:home": ("get", None, everyone(200)),
    "workstation:about": ("get", None, everyone(200)),
    "workstation:policy_list": ("get", None, everyone(200)),
    "workstation:policy_detail": ("get", lambda: {"pk": PolicyPageFactory().pk}, everyone(200)),
    "workstation:news_list": ("get", None, everyone(200)),
    "workstation:news_detail": ("get", lambda: {"pk": NewsPostFactory().pk}, everyone(200)),
    "workstation:account_settings": ("get", None, signed_in(200)),
    "workstation:colleague_list": ("get", None, staff_only()),
    "workstation:colleague_invite": ("get", None, staff_only()),
    "workstation:colleague_reinvite": (
        "post",
        lambda: {"pk": invited_official().pk},
        staff_only(AWAY),
    ),
    # Events: public events for everyone (events that are not public: tests/workstation/events/
    # test_views.py); staff edit them, see the QR code and check people in.
    "workstation:event_list": ("get", None, everyone(200)),
    "workstation:event_detail": ("get", an_event, everyone(200)),
    "workstation:event_ics": ("get", an_event, everyone(200)),
    "workstation:event_register": ("get", an_event, everyone(200)),
    "workstation:event_create": ("get", None, staff_only()),
    "workstation:event_edit": ("get", an_event, staff_only()),
    "workstation:event_qr": ("get", an_event, staff_only()),
    "workstation:event_checkin": ("get", an_event, staff_only()),
    "workstation:registration_attend": ("post", a_registration, staff_only(AWAY)),
    # The conference's programme: staff keep speakers, media partners and coverage.
    "workstation:speaker_create": ("get", a_conference, staff_only()),
    "workstation:speaker_edit": ("get", a_speaker, staff_only()),
    "workstation:speaker_delete": ("get", a_speaker, staff_only()),
    "workstation:partner_create": ("get", a_conference, staff_only()),
    "workstation:partner_edit": ("get", a_media_partner, staff_only()),
    "workstation:partner_delete": ("get", a_media_partner, staff_only()),
    "workstation:coverage_create": ("get", a_media_partner, staff_only()),
    "workstation:coverage_edit": ("get", a_coverage_item, staff_only()),
    "workstation:coverage_delete": ("get", a_coverage_item, staff_only()),
    "workstation:registration_staff_cancel": ("post", a_registration, staff_only(AWAY)),
    # The cancel link of the confirmation mail and the calendar feed: whoever has the secret.
    "workstation:registration_cancel": ("get", a_cancel_token, everyone(200)),
    "workstation:calendar_feed": ("get", a_feed_token, everyone(200)),
    "workstation:calendar_feed_create": ("post", None, signed_in(AWAY)),
    "workstation:calendar_feed_revoke": ("post", None, signed_in(AWAY)),
    # Personal API tokens: staff and officials hold them; another person's token is not found.
    "workstation:api_tokens": ("get", None, staff_only() | {"official": 200}),
    "workstation:api_token_revoke": (
        "post",
        own_api_token,
        staff_only(AWAY) | {"official": 404},
    ),
    # The read API (/api/v1/): its schema and docs are public, its data is not.
    "api:schema": ("get", None, everyone(200)),
    "api:docs": ("get", None, everyone(200)),
    "api:project-list": ("get", None, api_readers()),
    "api:project-detail": ("get", a_project, api_readers()),
    "api:event-list": ("get", None, api_readers()),
    "api:event-detail": ("get", an_event, api_readers()),
    "api:meeting-list": ("get", None, api_readers()),
    "api:meeting-detail": ("get", a_meeting, api_readers()),
    "api:action-item-list": ("get", None, api_readers()),
    "api:action-item-detail": ("get", an_action_item, api_readers()),
    "api:invitation-list": ("get", None, api_readers()),
    "api:invitation-detail": ("get", lambda: an_invitation("submitted"), api_readers()),
    "api:briefing-list": ("get", None, api_readers()),
    "api:briefing-detail": ("get", published_briefing, api_readers()),
    "api:briefing-edition": ("get", published_english_edition, api_readers()),
    # The annual-duties figures: the dashboard page's readers.
    "api:figures-detail": (
        "get",
        lambda: {"year": timezone.localdate().year},
        api_readers(),
    ),
    "api:demand-list": ("get", None, api_readers()),
    "api:demand-detail": ("get", lambda: {"pk": DemandFactory().pk}, api_readers()),
    "api:match-list": ("get", None, api_readers()),
    "api:match-detail": ("get", a_match, api_readers()),
    # As the counts page: staff and officials (who read small counts withheld).
    "api:talent-counts": ("get", None, api_readers()),
    "api:talent-list": ("get", None, api_readers()),
    # A profile shared with Lanzhou: officials read it as staff do.
    "api:talent-detail": ("get", lambda: {"pk": shared_profile().pk}, api_readers()),
    "api:data-package-list": ("get", None, api_readers()),
    "api:data-package-detail": ("get", api_data_package, api_readers()),
    "api:data-package-download": ("get", api_data_package, api_readers()),
    # Monthly meetings: staff and officials read them; staff schedule them, write the minutes and
    # keep the action items; an item's owner marks it done (a non-owner official gets 403).
    "workstation:meeting_list": ("get", None, staff_only() | {"official": 200}),
    "workstation:meeting_detail": ("get", a_meeting, staff_only() | {"official": 200}),
    "workstation:meeting_create": ("get", None, staff_only()),
    "workstation:meeting_edit": ("get", a_meeting, staff_only()),
    "workstation:meeting_minutes": ("get", a_meeting, staff_only()),
    "workstation:action_item_add": ("get", a_meeting, staff_only()),
    "workstation:action_item_edit": ("get", an_action_item, staff_only()),
    "workstation:action_item_delete": ("post", an_action_item, staff_only(AWAY)),
    "workstation:action_item_done": ("post", an_action_item, staff_only(AWAY)),
    # The talent pool. The directory is for staff and officials (who see consenting people
    # only); a talent's own profile lives under /talent/me/.
    "talentpool:counts": ("get", None, staff_only() | {"official": 200}),
    "talentpool:directory": ("get", None, staff_only() | {"official": 200}),
    "talentpool:profile_create": ("get", None, staff_only()),
    "talentpool:profile_detail": (
        "get",
        lambda: {"pk": shared_profile().pk},
        staff_only() | {"official": 200},
    ),
    "talentpool:profile_edit": ("get", lambda: {"pk": shared_profile().pk}, staff_only()),
    "talentpool:profile_verify": ("post", lambda: {"pk": shared_profile().pk}, staff_only(AWAY)),
    "talentpool:profile_invite": ("post", lambda: {"pk": shared_profile().pk}, staff_only(AWAY)),
    "talentpool:profile_delete": ("get", lambda: {"pk": shared_profile().pk}, staff_only()),
    # An empty form re-renders the profile page with its errors.
    "talentpool:interaction_add": ("post", lambda: {"pk": shared_profile().pk}, staff_only(200)),
    # Staff's spreadsheets and duplicates.
    "talentpool:export_csv": ("get", None, staff_only()),
    "talentpool:export_xlsx": ("get", None, staff_only()),
    "talentpool:import_upload": ("get", None, staff_only()),
    "talentpool:import_preview": ("get", lambda: {"pk": pending_import().pk}, staff_only()),
    "talentpool:import_confirm": ("post", lambda: {"pk": pending_import().pk}, staff_only(AWAY)),
    "talentpool:import_discard": ("post", lambda: {"pk": pending_import().pk}, staff_only(AWAY)),
    "talentpool:duplicates": ("get", None, staff_only()),
    "talentpool:merge": (
        "get",
        lambda: {"keep": TalentProfileFactory().pk, "other": TalentProfileFactory().pk},
        staff_only(),
    ),
    "talentpool:not_duplicates": (
        "post",
        lambda: {"first": TalentProfileFactory().pk, "second": TalentProfileFactory().pk},
        staff_only(AWAY),
    ),
    # A talent's own pages ("other_talent" has no profile yet: sent to the wizard).
    "talentpool:profile_start": ("get", with_own_profile, talents_own(AWAY)),
    "talentpool:profile_step": ("get", lambda: {"step": 1}, talents_own(200)),
    "talentpool:own_profile": ("get", with_own_profile, talents_own(200, other_talent=AWAY)),
    "talentpool:own_profile_edit": ("get", with_own_profile, talents_own(200, other_talent=AWAY)),
    "talentpool:own_consent": ("get", with_own_profile, talents_own(200, other_talent=AWAY)),
    "talentpool:own_export": ("get", None, talents_own(200)),
    # "For you": what fits the profile ("other_talent" is asked to complete one first).
    "talentpool:for_you": ("get", with_own_profile, talents_own(200)),
    # Back to "For you" (or, without a profile, to the wizard).
    "talentpool:demand_interest": ("post", own_profile_and_a_demand, talents_own(AWAY)),
    "talentpool:own_delete": ("get", None, talents_own(200)),
    "talentpool:privacy_notice": ("get", None, everyone(200)),
    # The CV of the talent fixture, who does not share with Lanzhou.
    "talentpool:profile_cv": (
        "get",
        lambda: {"pk": talent_profile().pk},
        {"anonymous": LOGIN, "talent": 200, "other_talent": 404, "official": 404, "staff": 200},
    ),
    "talentpool:profile_claim": (
        "get",
        lambda: {"token": claim_token()},
        talents_own(200, other_talent=403),
    ),
    # Campaigns: staff only; officials never see them or their audiences. Sending a campaign that
    # reaches nobody is refused with a message on its page.
    "talentpool:campaign_list": ("get", None, staff_only()),
    "talentpool:campaign_create": ("get", None, staff_only()),
    "talentpool:campaign_detail": ("get", a_campaign, staff_only()),
    "talentpool:campaign_edit": ("get", a_campaign, staff_only()),
    "talentpool:campaign_audience": ("get", a_campaign, staff_only()),
    "talentpool:campaign_test": ("post", a_campaign, staff_only(AWAY)),
    "talentpool:campaign_send": ("post", a_campaign, staff_only(AWAY)),
    "talentpool:campaign_progress": ("get", a_campaign, staff_only()),
    # The unsubscribe link of a campaign's mail: whoever has it, signed in or not.
    "talentpool:unsubscribe": ("get", an_unsubscribe_token, everyone(200)),
    # The project pipeline: staff work it, officials read it.
    "projects:intake": ("get", None, everyone(200)),
    "projects:intake_done": ("get", None, everyone(200)),
    "projects:project_create": ("get", None, staff_only()),
    "projects:project_detail": ("get", a_project, staff_only() | {"official": 200}),
    "projects:project_edit": ("get", a_project, staff_only()),
    # An empty POST re-renders the project page with the errors (400).
    "projects:project_move": ("post", a_project, staff_only(400)),
    "projects:document_upload": ("post", a_project, staff_only(400)),
    "projects:document_download": ("get", a_project_document, staff_only() | {"official": 200}),
    "projects:board": ("get", None, staff_only() | {"official": 200}),
    "projects:table": ("get", None, staff_only() | {"official": 200}),
    "projects:demand_list": ("get", None, staff_only() | {"official": 200}),
    "projects:demand_create": ("get", None, staff_only()),
    "projects:demand_edit": ("get", lambda: {"pk": DemandFactory().pk}, staff_only()),
    "projects:demand_detail": (
        "get",
        lambda: {"pk": DemandFactory().pk},
        staff_only() | {"official": 200},
    ),
    "projects:project_matches": (
        "get",
        lambda: {"pk": ProjectFactory().pk},
        staff_only() | {"official": 200},
    ),
    "projects:match_decide": (
        "post",
        lambda: {"pk": ProjectFactory().pk, "demand_pk": DemandFactory().pk},
        staff_only(AWAY),
    ),
    # An empty form re-renders the page with its errors.
    "projects:introduction_add": ("post", lambda: {"pk": ProjectFactory().pk}, staff_only(200)),
    # Expo and PDFs: staff and officials read; staff ask for PDFs (an empty request re-renders).
    "projects:expo": ("get", None, staff_only() | {"official": 200}),
    "projects:expo_roster_request": ("post", None, staff_only(200)),
    "projects:pdf_download": (
        "get",
        lambda: {"pk": ready_pdf().pk},
        staff_only() | {"official": 200},
    ),
    "projects:pdf_retry": ("post", failed_pdf, staff_only(AWAY)),
    # Delegations: officials read; empty forms re-render the delegation page with their errors.
    "projects:delegation_list": ("get", None, staff_only() | {"official": 200}),
    "projects:delegation_create": ("get", None, staff_only()),
    "projects:delegation_detail": (
        "get",
        lambda: {"pk": delegation().pk},
        staff_only() | {"official": 200},
    ),
    "projects:delegation_edit": ("get", lambda: {"pk": delegation().pk}, staff_only()),
    "projects:delegation_member_add": ("post", lambda: {"pk": delegation().pk}, staff_only(200)),
    "projects:delegation_member_delete": ("post", delegation_member, staff_only(AWAY)),
    "projects:itinerary_item_add": ("post", lambda: {"pk": delegation().pk}, staff_only(200)),
    "projects:itinerary_item_delete": ("post", itinerary_item, staff_only(AWAY)),
    "projects:itinerary_pdf_request": ("post", lambda: {"pk": delegation().pk}, staff_only(200)),
    # allauth: its own pages, each for what it is.
    "account_login": ("get", None, signed_in(AWAY, anonymous=200)),
    "account_logout": ("get", None, signed_in(200, anonymous=AWAY)),
    "account_inactive": ("get", None, everyone(200)),
    "account_signup": ("get", None, signed_in(AWAY, anonymous=200)),
    "account_reauthenticate": ("get", None, signed_in(200)),
    # Re-authentication by a mailed code (allauth 65.22) is turned off in the settings.
    "account_request_reauthentication_code": ("get", None, signed_in(403)),
    "account_confirm_reauthentication_code": ("get", None, signed_in(403)),
    "account_email": ("get", None, signed_in(200)),
    "account_email_verification_sent": ("get", None, everyone(200)),
    "account_change_password": ("get", None, signed_in(200)),
    "account_set_password": ("get", None, signed_in(AWAY)),
    "account_reset_password": ("get", None, everyone(200)),
    "account_confirm_login_code": ("get", None, signed_in(AWAY)),
    "account_confirm_email": ("get", lambda: {"key": "not-a-key"}, everyone(200)),
    "account_reset_password_from_key_done": ("get", None, everyone(200)),
    "account_reset_password_from_key": (
        "get",
        lambda: {"uidb36": "zz", "key": "bad-key"},
        everyone(200),
    ),
    "account_reset_password_done": ("get", None, everyone(200)),
    "mfa_index": ("get", None, signed_in(200)),
    "mfa_authenticate": ("get", None, signed_in(AWAY)),
    "mfa_reauthenticate": ("get", None, signed_in(AWAY)),
    # Activating TOTP asks for the password again first (allauth's reauthentication).
    "mfa_activate_totp": ("get", None, signed_in(AWAY)),
    "mfa_deactivate_totp": ("get", None, signed_in(404)),
    "mfa_view_recovery_codes": ("get", None, signed_in(404)),
    "mfa_generate_recovery_codes": ("get", None, signed_in(AWAY)),
    "mfa_download_recovery_codes": ("get", None, signed_in(404)),
    # The admin: staff edit the public site there; nobody else enters.
    "admin:index": ("get", None, staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN}),
    "admin:login": ("get", None, signed_in(200, anonymous=200) | {"staff": AWAY}),
    "admin:workstation_policypage_changelist": (
        "get",
        None,
        staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    "admin:workstation_newspost_add": (
        "get",
        None,
        staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    "admin:workstation_event_changelist": (
        "get",
        None,
        staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    "admin:workstation_mediapartner_add": (
        "get",
        None,
        staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    "admin:workstation_user_changelist": (
        "get",
        None,
        staff_only(403, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    "admin:workstation_reminder_changelist": (
        "get",
        None,
        staff_only(403, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
    # VIP invitations: staff keep them, officials see them once submitted and approve; talents
    # never see them (their URLs answer 404: they hold a VIP's personal details).
    "workstation:invitation_list": ("get", None, staff_only() | {"official": 200}),
    "workstation:invitation_create": ("get", None, staff_only()),
    "workstation:invitation_detail": (
        "get",
        lambda: an_invitation("submitted"),
        staff_only(others=404) | {"official": 200},
    ),
    "workstation:invitation_edit": ("get", an_invitation, staff_only(others=404)),
    "workstation:invitation_notes": (
        "get",
        lambda: an_invitation("submitted"),
        staff_only(others=404) | {"official": 403},
    ),
    "workstation:invitation_submit": ("post", an_invitation, staff_only(AWAY, others=404)),
    "workstation:invitation_approve": (
        "post",
        lambda: an_invitation("submitted"),
        staff_only(403, others=404) | {"official": AWAY},
    ),
    # An empty note re-renders the page with its error.
    "workstation:invitation_send_back": (
        "post",
        lambda: an_invitation("submitted"),
        staff_only(403, others=404) | {"official": 400},
    ),
    "workstation:invitation_mark_sent": (
        "post",
        lambda: an_invitation("approved"),
        staff_only(AWAY, others=404) | {"official": 403},
    ),
    "workstation:invitation_answer": (
        "post",
        lambda: an_invitation("sent"),
        staff_only(AWAY, others=404) | {"official": 403},
    ),
    "workstation:invitation_travel": (
        "post",
        lambda: an_invitation("accepted"),
        staff_only(AWAY, others=404) | {"official": 403},
    ),
    "workstation:invitation_attended": (
        "post",
        lambda: an_invitation("travel_arranged"),
        staff_only(AWAY, others=404) | {"official": 403},
    ),
    "admin:workstation_invitation_changelist": (
        "get",
        None,
        staff_only(200, others=ADMIN_LOGIN) | {"anonymous": ADMIN_LOGIN},
    ),
}

# The admin's other URLs (one set per model) are guarded by the admin site itself: for them the
# test checks that nobody but staff gets past its sign-in, without a row each.
ADMIN_NAMESPACE = "admin"
PUBLIC_ADMIN_URLS = {"admin:login", "admin:logout"}


def url_patterns(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern.pattern


def url_names():
    return [name for name, _pattern in url_patterns()]


def test_every_url_has_a_row():
    missing = [
        name
        for name in url_names()
        if name not in ACCESS and not name.startswith(f"{ADMIN_NAMESPACE}:")
    ]
    assert not missing, f"URLs without a row in the access table: {missing}"


def outcome(response, role: str) -> object:
    if response.status_code in (301, 302):
        location = response.headers["Location"]
        if "/admin/login/" in location:
            return ADMIN_LOGIN
        if "/accounts/login/" in location:
            return LOGIN
        return AWAY
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_access_table(name, clients):
    method, make_kwargs, expected = ACCESS[name]
    kwargs = make_kwargs() if make_kwargs else {}
    url = reverse(name, kwargs=kwargs)
    got = {role: outcome(getattr(clients[role], method)(url), role) for role in ROLES}
    assert got == expected


@pytest.mark.django_db
def test_no_role_but_staff_passes_the_admins_sign_in(clients):
    """Every admin URL, its arguments filled with an existing object where it takes some."""
    user = UserFactory()
    arguments = {
        "object_id": str(user.pk),
        "id": str(user.pk),
        "app_label": "workstation",
        "content_type_id": "1",
    }
    checked = 0
    for name, pattern in url_patterns():
        if not name.startswith(f"{ADMIN_NAMESPACE}:") or name in PUBLIC_ADMIN_URLS:
            continue
        url = reverse(name, kwargs={key: arguments[key] for key in pattern.regex.groupindex})
        for role in ("anonymous", "talent", "other_talent", "official"):
            assert outcome(clients[role].get(url), role) == ADMIN_LOGIN, (name, role)
        checked += 1
    assert checked > 20
