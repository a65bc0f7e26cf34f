"""Stage moves: any stage to any stage, each asking first for what it needs; history kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from projects.pipeline.models import Stage, StageChange
from projects.pipeline.services import (
    Criterion,
    move_project,
    time_in_stages,
    workstation_today,
)
from tests.factories import ProjectFactory
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ALL_CRITERIA = [key for key, _label in Criterion.choices]


def move_url(project) -> str:
    return reverse("projects:project_move", kwargs={"pk": project.pk})


def test_a_project_moves_through_several_stages_with_history(staff):
    project = ProjectFactory()
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    move_project(project=project, to_stage=Stage.QUALIFIED, by=staff, criteria=ALL_CRITERIA)
    move_project(project=project, to_stage=Stage.DOSSIER_COMPLETE, by=staff, note="Sheet done")
    move_project(project=project, to_stage=Stage.EXPO_CONFIRMED, by=staff)  # expo_year is set
    move_project(
        project=project,
        to_stage=Stage.SIGNED_AT_EXPO,
        by=staff,
        amount=2_000_000,
        agreement_type="Joint venture contract",
    )
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED_AT_EXPO
    history = list(project.stage_changes.order_by("changed_at", "pk"))
    assert [(c.from_stage, c.to_stage) for c in history] == [
        ("lead", "contacted"),
        ("contacted", "qualified"),
        ("qualified", "dossier_complete"),
        ("dossier_complete", "expo_confirmed"),
        ("expo_confirmed", "signed_at_expo"),
    ]
    assert all(change.changed_by == staff for change in history)
    assert "Fits Lanzhou's industrial policy" in history[1].note
    assert history[-1].amount == 2_000_000
    assert AuditEntry.objects.filter(action="project.stage_moved").count() == 5


def test_dropped_without_a_reason_is_refused_and_the_stage_stays(staff):
    project = ProjectFactory(stage=Stage.IN_TALKS)
    with pytest.raises(ValidationError) as error:
        move_project(project=project, to_stage=Stage.DROPPED, by=staff)
    assert error.value.message_dict == {"reason": ["Give the reason the project is dropped."]}
    project.refresh_from_db()
    assert project.stage == Stage.IN_TALKS
    assert not StageChange.objects.exists()


def test_signed_at_the_expo_needs_the_amount_and_the_agreement_type(staff):
    project = ProjectFactory(stage=Stage.ATTENDED_EXPO)
    with pytest.raises(ValidationError) as error:
        move_project(
            project=project, to_stage=Stage.SIGNED_AT_EXPO, by=staff, agreement_type="Licence"
        )
    assert set(error.value.message_dict) == {"amount"}
    with pytest.raises(ValidationError) as error:
        move_project(project=project, to_stage=Stage.SIGNED_AT_EXPO, by=staff)
    assert set(error.value.message_dict) == {"amount", "agreement_type"}
    project.refresh_from_db()
    assert project.stage == Stage.ATTENDED_EXPO


def test_on_hold_needs_a_future_revisit_date(staff):
    project = ProjectFactory()
    today = workstation_today()
    for on_date in (None, today, today - timedelta(days=3)):
        with pytest.raises(ValidationError) as error:
            move_project(project=project, to_stage=Stage.ON_HOLD, by=staff, on_date=on_date)
        assert "on_date" in error.value.message_dict
    move_project(
        project=project, to_stage=Stage.ON_HOLD, by=staff, on_date=today + timedelta(days=30)
    )
    assert project.stage == Stage.ON_HOLD


def test_qualifying_needs_all_five_criteria(staff):
    project = ProjectFactory(stage=Stage.CONTACTED)
    with pytest.raises(ValidationError):
        move_project(project=project, to_stage=Stage.QUALIFIED, by=staff, criteria=ALL_CRITERIA[:4])
    move_project(project=project, to_stage=Stage.QUALIFIED, by=staff, criteria=ALL_CRITERIA)
    assert project.stage == Stage.QUALIFIED


def test_expo_confirmed_needs_the_expo_year(staff):
    project = ProjectFactory(stage=Stage.INTENT_AGREED, expo_year=None)
    with pytest.raises(ValidationError) as error:
        move_project(project=project, to_stage=Stage.EXPO_CONFIRMED, by=staff)
    assert "expo year" in error.value.messages[0]


def test_landed_needs_the_registration_date_and_the_investment(staff):
    project = ProjectFactory(stage=Stage.SIGNED_AT_EXPO)
    with pytest.raises(ValidationError) as error:
        move_project(project=project, to_stage=Stage.LANDED, by=staff)
    assert set(error.value.message_dict) == {"on_date", "amount"}
    move_project(
        project=project,
        to_stage=Stage.LANDED,
        by=staff,
        on_date=workstation_today(),
        amount=500_000,
    )
    assert project.stage == Stage.LANDED


def test_a_backward_move_is_allowed_and_a_dropped_project_keeps_its_history(staff):
    project = ProjectFactory()
    move_project(project=project, to_stage=Stage.IN_TALKS, by=staff)
    move_project(project=project, to_stage=Stage.DROPPED, by=staff, reason="No funding")
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    project.refresh_from_db()
    assert project.stage == Stage.CONTACTED
    assert project.stage_changes.count() == 3
    assert project.stage_changes.get(to_stage=Stage.DROPPED).reason == "No funding"


def test_time_in_stages_sums_the_visits(staff):
    project = ProjectFactory()
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    move_project(project=project, to_stage=Stage.IN_TALKS, by=staff)
    move_project(project=project, to_stage=Stage.CONTACTED, by=staff)
    changes = list(project.stage_changes.order_by("changed_at", "pk"))
    base = changes[0].changed_at - timedelta(days=20)
    # Spread the history out: lead 20 days (before the first change), contacted 5, in talks 3.
    for change, days in zip(changes, (20, 25, 28), strict=True):
        StageChange.objects.filter(pk=change.pk).update(changed_at=base + timedelta(days=days))
    project.created_at = base
    durations = dict(time_in_stages(project))
    assert list(durations) == ["lead", "contacted", "in_talks"]
    assert durations["lead"] == timedelta(days=20)
    assert durations["in_talks"] == timedelta(days=3)
    assert durations["contacted"] >= timedelta(days=5)


# --- Through the view: the project page's form and the board's JSON


def test_the_move_form_refuses_a_drop_without_reason_and_keeps_what_was_typed(clients):
    project = ProjectFactory(stage=Stage.IN_TALKS)
    response = clients["staff"].post(move_url(project), {"to_stage": "dropped", "note": "Call"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the reason the project is dropped." in page
    assert "Call</textarea>" in page
    project.refresh_from_db()
    assert project.stage == Stage.IN_TALKS


def test_the_move_form_moves_and_goes_back_to_the_page(clients):
    project = ProjectFactory()
    response = clients["staff"].post(
        move_url(project), {"to_stage": "dropped", "reason": "Went elsewhere"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(
        "projects:project_detail", kwargs={"pk": project.pk}
    )
    project.refresh_from_db()
    assert project.stage == Stage.DROPPED
    page = clients["staff"].get(response.headers["Location"]).content.decode()
    assert "The project moved to “Dropped”." in page
    assert "Went elsewhere" in page


def test_a_move_goes_back_to_next_with_its_errors_as_messages(clients):
    project = ProjectFactory()
    response = clients["staff"].post(
        move_url(project), {"to_stage": "on_hold", "next": "/en/projects/?stage=lead"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/projects/?stage=lead"
    response = clients["staff"].post(
        move_url(project), {"to_stage": "contacted", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == reverse(
        "projects:project_detail", kwargs={"pk": project.pk}
    )


def test_the_board_gets_json(clients):
    project = ProjectFactory()
    url = move_url(project)
    client = clients["staff"]
    response = client.post(url, {"to_stage": "signed_at_expo"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "errors": {
            "amount": ["Give the amount signed at the Expo (US dollars)."],
            "agreement_type": ["Give the type of agreement signed at the Expo."],
        },
    }
    response = client.post(
        url,
        {"to_stage": "signed_at_expo", "amount": "1000", "agreement_type": "Licence"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "stage": "signed_at_expo",
        "stage_label": "Signed at the Expo",
    }


def test_the_json_errors_are_translated(clients):
    project = ProjectFactory(expo_year=None)
    with translation.override("zh-hans"):
        url = move_url(project)
    response = clients["staff"].post(url, {"to_stage": "nowhere"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["to_stage"]
    assert "有效" in response.json()["errors"]["to_stage"][0]  # Django's message, in Chinese
    response = clients["staff"].post(
        move_url(project), {"to_stage": "expo_confirmed"}, HTTP_ACCEPT="application/json"
    )
    assert list(response.json()["errors"]) == ["__all__"]


def test_officials_and_talents_cannot_move(clients):
    project = ProjectFactory()
    for role in ("official", "talent"):
        response = clients[role].post(
            move_url(project), {"to_stage": "contacted"}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 403
    project.refresh_from_db()
    assert project.stage == Stage.LEAD


def test_dossier_complete_needs_the_bilingual_project_sheet(staff):
    project = ProjectFactory(summary_en="")
    with pytest.raises(ValidationError) as refused:
        move_project(project=project, to_stage=Stage.DOSSIER_COMPLETE, by=staff)
    assert "bilingual project sheet" in str(refused.value)
    project.refresh_from_db()
    assert project.stage == Stage.LEAD
    project.summary_en = "Solid-state cells for grid storage."
    project.save()
    move_project(project=project, to_stage=Stage.DOSSIER_COMPLETE, by=staff)
    project.refresh_from_db()
    assert project.stage == Stage.DOSSIER_COMPLETE
