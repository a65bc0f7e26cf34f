"""The meeting admin saves through workstation.meetings.services, as the pages do: the same checks
and the same audit entries."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.conftest import signed_in_client
from tests.factories import ActionItemFactory
from workstation.audit.models import AuditEntry


def _form_data(page: bytes) -> dict:
    """What the admin's change form would send back unchanged."""
    form = BeautifulSoup(page, "html.parser").select_one("form#meeting_form")
    data: dict = {}
    for field in form.select("input[name]"):
        if field.get("type") == "submit":
            continue
        if field.get("type") == "checkbox" and not field.has_attr("checked"):
            continue
        data[field["name"]] = field.get("value", "")
    for area in form.select("textarea[name]"):
        data[area["name"]] = area.get_text().removeprefix("\n")
    for select in form.select("select[name]"):
        chosen = [option["value"] for option in select.select("option[selected]")]
        data[select["name"]] = chosen if select.has_attr("multiple") else "".join(chosen[:1])
    return data


def test_an_admin_save_of_a_meeting_and_its_action_items_is_audited(superuser):
    item = ActionItemFactory()
    client = signed_in_client(superuser)
    change = reverse("admin:workstation_meeting_change", args=[item.meeting_id])
    data = _form_data(client.get(change).content)
    data["agenda_en"] = "1. Projects for the Expo"
    data["action_items-0-description_en"] = "Send the dossier to the park."

    response = client.post(change, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    meeting_entry = AuditEntry.objects.get(action="meeting.changed")
    assert meeting_entry.actor == superuser and "agenda_en" in str(meeting_entry.details)
    item_entry = AuditEntry.objects.get(action="meeting.action_item_changed")
    assert item_entry.actor == superuser and "description_en" in str(item_entry.details)
    item.refresh_from_db()
    assert item.description_en == "Send the dossier to the park."
