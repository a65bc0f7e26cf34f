"""Who sees what is decided in one place per model: ``Model.objects.visible_to(user)``.

Views, exports and services reach these models through it (the coming data-sharing API will too),
so each model answers here, once, for the fixed cast of roles. The views are read as source: a
view that fetched one of these models any other way would decide visibility on its own.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from projects.delegations.models import Delegation
from projects.demands.models import Demand
from projects.matching.models import Match
from projects.pipeline.models import Project
from reports.briefings.models import HistoryEntry, MonthlyBriefing
from reports.packages.models import DataPackage
from talentpool.profiles.models import TalentProfile
from tests import factories
from tests.factories import share_with_lanzhou
from workstation.events.models import Event
from workstation.invitations import services as invitations
from workstation.invitations.models import Invitation
from workstation.meetings.models import ActionItem, Meeting
from workstation.publications.models import NewsPost, PolicyPage

MODELS = (
    MonthlyBriefing,
    DataPackage,
    Invitation,
    Event,
    TalentProfile,
    Meeting,
    ActionItem,
    Project,
    Demand,
    Match,
    Delegation,
    NewsPost,
    PolicyPage,
)
ROLES = ("anonymous", "talent", "other_talent", "official", "staff")

# --- Every model answers visible_to with a QuerySet


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_each_model_has_one_visible_to(model, staff):
    for user in (AnonymousUser(), staff):
        visible = model.objects.visible_to(user)
        assert isinstance(visible, QuerySet)
        assert visible.model is model


# --- The views fetch these models through it

VIEW_MODULES = sorted(
    path
    for app in ("workstation", "talentpool", "projects", "reports")
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py")
    if path.name == "views.py" or path.name == "board.py"
)
MODEL_NAMES = {model.__name__ for model in MODELS}
# Where a view reads one of these models without a signed-in reader's visibility, and why.
NOT_BY_READER = {
    # The claim link is the authority: a signed token names the unclaimed profile it offers.
    ("talentpool/profiles/views.py", "TalentProfile"),
    # The rows of an import's preview (staff only, talentpool.manage_pool) matched by the
    # importer among every profile; they are what the import would merge into.
    ("talentpool/spreadsheets/views.py", "TalentProfile"),
}


def _direct_uses(tree) -> list[tuple[int, str]]:
    """``Model.objects.<anything but visible_to>`` and ``get_object_or_404(Model, ...)``."""
    uses = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in MODEL_NAMES
            and node.attr != "visible_to"
        ):
            uses.append((node.lineno, node.value.value.id))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"get_object_or_404", "get_list_or_404"}
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in MODEL_NAMES
        ):
            uses.append((node.lineno, node.args[0].id))
    return uses


def test_there_are_views_to_read():
    assert len(VIEW_MODULES) >= 15


@pytest.mark.parametrize(
    "path", VIEW_MODULES, ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_views_read_these_models_only_through_visible_to(path):
    relative = str(path.relative_to(settings.BASE_DIR))
    uses = [
        f"{relative}:{line} {name}"
        for line, name in _direct_uses(ast.parse(path.read_text(encoding="utf-8")))
        if (relative, name) not in NOT_BY_READER
    ]
    assert uses == [], "fetch through Model.objects.visible_to(request.user)"


def test_each_exception_is_still_needed():
    found = {
        (str(path.relative_to(settings.BASE_DIR)), name)
        for path in VIEW_MODULES
        for _line, name in _direct_uses(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found >= NOT_BY_READER


def test_the_source_check_finds_a_direct_query():
    tree = ast.parse(
        "def view(request, pk):\n"
        "    a = Project.objects.filter(pk=pk)\n"
        "    b = get_object_or_404(Demand, pk=pk)\n"
        "    c = Delegation.objects.visible_to(request.user).get(pk=pk)\n"
    )
    assert sorted(_direct_uses(tree)) == [(2, "Project"), (3, "Demand")]


# --- What each role sees, model by model


@pytest.fixture
def people(talent, other_talent, official, staff) -> dict:
    return {
        "anonymous": AnonymousUser(),
        "talent": talent,
        "other_talent": other_talent,
        "official": official,
        "staff": staff,
    }


def seen(people, model) -> dict[str, set]:
    return {role: set(model.objects.visible_to(people[role])) for role in ROLES}


def read_inside(*, official, staff) -> dict[str, set]:
    """What staff and officials see; talents and the public see none of it."""
    return {
        "anonymous": set(),
        "talent": set(),
        "other_talent": set(),
        "official": set(official),
        "staff": set(staff),
    }


@pytest.mark.django_db
def test_briefings_reach_officials_once_submitted(people):
    draft = factories.BriefingFactory(year=2026, month=9)
    submitted = factories.BriefingFactory(year=2026, month=10, review_round=1, status="in_review")
    assert seen(people, MonthlyBriefing) == read_inside(
        official={submitted}, staff={draft, submitted}
    )


@pytest.mark.django_db
def test_data_packages_are_read_with_their_briefing(people):
    published = factories.BriefingFactory(year=2026, month=10, review_round=1, status="published")
    package = DataPackage.objects.create(
        publication=HistoryEntry.objects.create(briefing=published, action="published")
    )
    assert seen(people, DataPackage) == read_inside(official={package}, staff={package})


@pytest.mark.django_db
def test_invitations_reach_officials_once_submitted(people, staff):
    draft = factories.InvitationFactory()
    submitted = invitations.submit_for_approval(
        invitation=factories.InvitationFactory(), actor=staff
    )
    assert seen(people, Invitation) == read_inside(official={submitted}, staff={draft, submitted})


@pytest.mark.django_db
def test_sent_back_invitations_stay_with_officials(people, staff, official):
    invitation = invitations.submit_for_approval(
        invitation=factories.InvitationFactory(), actor=staff
    )
    invitations.send_back(invitation=invitation, actor=official, note="Add the title.")
    assert invitation in Invitation.objects.visible_to(official)


@pytest.mark.django_db
def test_monthly_meetings_never_reach_talents_or_the_public(people):
    public = factories.EventFactory()
    private = factories.EventFactory(is_public=False)
    meeting_marked_public = factories.EventFactory(kind="monthly_meeting", is_public=True)
    everything = {public, private, meeting_marked_public}
    assert seen(people, Event) == {
        "anonymous": {public},
        "talent": {public},
        "other_talent": {public},
        "official": everything,
        "staff": everything,
    }


@pytest.mark.django_db
def test_profiles_reach_officials_only_while_shared(people, talent, other_talent):
    own = factories.TalentProfileFactory(user=talent)
    others = factories.TalentProfileFactory(user=other_talent)
    shared = share_with_lanzhou(factories.TalentProfileFactory())
    withdrawn = share_with_lanzhou(
        share_with_lanzhou(factories.TalentProfileFactory()), given=False
    )
    assert seen(people, TalentProfile) == {
        "anonymous": set(),
        "talent": {own},
        "other_talent": {others},
        "official": {shared},
        "staff": {own, others, shared, withdrawn},
    }


@pytest.mark.django_db
def test_meetings_and_their_action_items_are_for_staff_and_officials(people):
    item = factories.ActionItemFactory()
    meeting = item.meeting
    assert seen(people, Meeting) == read_inside(official={meeting}, staff={meeting})
    assert seen(people, ActionItem) == read_inside(official={item}, staff={item})
    assert factories.MeetingFactory() in Meeting.objects.visible_to(people["official"])


@pytest.mark.django_db
def test_the_pipeline_is_read_by_staff_and_officials(people):
    project = factories.ProjectFactory()
    match = Match.objects.create(
        project=project, demand=factories.DemandFactory(), status="confirmed"
    )
    delegation = Delegation.objects.create(
        title_zh_hans="兰州市科技局赴美代表团",
        title_en="Lanzhou S&T Bureau delegation",
        starts_on=date(2026, 9, 14),
        ends_on=date(2026, 9, 20),
    )
    for model, instance in (
        (Project, project),
        (Match, match),
        (Delegation, delegation),
    ):
        assert seen(people, model) == read_inside(official={instance}, staff={instance}), (
            model.__name__
        )


@pytest.mark.django_db
def test_talents_see_the_open_demands_pipeline_readers_all(people):
    """A talent's "For you" page offers the open demands; the pipeline's pages stay closed to them
    (403, tests/test_access.py)."""
    open_demand = factories.DemandFactory()
    closed = factories.DemandFactory(is_active=False)
    assert seen(people, Demand) == {
        "anonymous": set(),
        "talent": {open_demand},
        "other_talent": {open_demand},
        "official": {open_demand, closed},
        "staff": {open_demand, closed},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("factory", (factories.NewsPostFactory, factories.PolicyPageFactory))
def test_the_site_shows_everyone_only_what_is_published(people, factory):
    published = factory()
    factory(is_published=False)
    model = type(published)
    assert seen(people, model) == {role: {published} for role in ROLES}
