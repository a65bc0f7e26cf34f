""" "I'm interested" sent twice at the same moment (a double click) records one interest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from talentpool.interactions.models import Interaction
from talentpool.profiles.services import complete_profile
from talentpool.recommendations import views
from tests.concurrency import at_once, meet_after
from tests.conftest import signed_in_client
from tests.factories import DemandFactory, TalentProfileFactory


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_record_one_interest(reference_data, talent, monkeypatch):
    profile = TalentProfileFactory(user=talent, email=talent.email)
    complete_profile(profile=profile, actor=talent, share_with_lanzhou=False, receive_news=False)
    demand = DemandFactory()
    # Both requests have found the person's profile before either records anything.
    meet_after(monkeypatch, views, "own_profile_of")
    clients = [signed_in_client(talent), signed_in_client(talent)]
    target = reverse("talentpool:demand_interest", args=[demand.pk])

    outcomes = at_once(
        *(lambda client=client: client.post(target).status_code for client in clients)
    )

    assert outcomes == [302, 302], outcomes
    assert Interaction.objects.filter(profile=profile, demand=demand).count() == 1
