"""A double click on "Sign up": two requests with the same new address at the same moment."""

from __future__ import annotations

import pytest
from allauth.account.internal import flows
from django.test import Client

from tests.concurrency import at_once, meet_after
from workstation.accounts.models import User
from workstation.reminders.models import Reminder

PASSWORD = "Gansu-Silicon-Valley-2026"


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_once_make_one_account_and_the_same_page(reference_data, monkeypatch):
    # Both requests find the address free before either saves its account.
    meet_after(monkeypatch, flows.manage_email, "email_already_exists")
    data = {"email": "double.click@example.org", "password1": PASSWORD, "password2": PASSWORD}

    def click():
        response = Client().post("/en/accounts/signup/", data)
        return response.status_code, response.get("Location")

    outcomes = at_once(click, click)

    assert outcomes == [(302, "/en/accounts/confirm-email/")] * 2, outcomes
    user = User.objects.get(email="double.click@example.org")
    assert user.emailaddress_set.count() == 1
    # One mail, and it is the confirmation (not "you already have an account").
    mails = Reminder.objects.filter(kind="account_mail", recipient_email=user.email)
    assert list(mails.values_list("period", flat=True)) == ["email_confirmation_signup"]
