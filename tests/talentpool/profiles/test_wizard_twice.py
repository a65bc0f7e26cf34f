"""The wizard's first step sent twice at the same moment (a double click) makes one profile."""

from __future__ import annotations

import pytest

from talentpool.profiles import services
from talentpool.profiles.models import TalentProfile
from tests.concurrency import at_once, meet_after
from tests.conftest import signed_in_client
from tests.talentpool.profiles.wizard import step_data, step_url


@pytest.mark.django_db(transaction=True)
def test_step_one_sent_twice_at_once_makes_one_profile(reference_data, talent, monkeypatch):
    # Both requests find no profile before either saves one.
    meet_after(monkeypatch, services, "first_unfinished_step")
    data = step_data(1)
    clients = [signed_in_client(talent), signed_in_client(talent)]

    def save_step_one(client):
        response = client.post(step_url(1), data)
        return response.status_code, response.get("Location")

    outcomes = at_once(*(lambda client=client: save_step_one(client) for client in clients))

    assert outcomes == [(302, step_url(2))] * 2, outcomes
    profile = TalentProfile.objects.get(user=talent)
    assert (profile.name_zh, profile.name_pinyin) == ("王伟", "wang wei")
    monkeypatch.undo()
    assert clients[0].get(step_url(2)).status_code == 200  # and on with the wizard
