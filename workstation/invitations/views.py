"""The invitation pages: the list (by year of the event and status, with counts), an invitation's
page with its history and the steps the viewer may take, the form of the VIP's details, and the
form of the protocol notes and follow-up.

Staff and officials reach the lists; talents get 403 there and the public is sent to sign in. An
invitation's URLs answer 404 to whoever may not see it (talents: invitations hold a VIP's personal
details; officials: a draft never submitted), and 403 to one who sees it but may not take the step.
"""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from workstation.accounts.decorators import permission_required
from workstation.invitations import services
from workstation.invitations.forms import (
    FilterForm,
    InvitationForm,
    NotesForm,
    SendBackForm,
    StepForm,
)
from workstation.invitations.models import Invitation, InvitationStatus

APPROVE = "workstation.approve_invitations"

read_permission = permission_required("workstation.read_invitations")
manage_permission = permission_required("workstation.manage_invitations")


def _invitation(request, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.visible_to(request.user).select_related("event", "created_by"), pk=pk
    )


def _may(user, perm: str) -> bool:
    """Approval is asked of the rules themselves: a superuser is not an official."""
    if perm == APPROVE:
        return rules.has_perm(perm, user)
    return user.has_perm(perm)


def invitation_view(perm: str | None = None):
    """An invitation's URL: the public is sent to sign in; whoever may not see the invitation
    (talents, officials before it is submitted) gets 404; one who sees it but may not take this
    step gets 403. The view receives the invitation instead of its id."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk: int, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            invitation = _invitation(request, pk)
            if not request.user.has_perm("workstation.read_invitation", invitation):
                raise Http404
            if perm is not None and not _may(request.user, perm):
                raise PermissionDenied
            return view(request, invitation, *args, **kwargs)

        return wrapper

    return decorator


managed = invitation_view("workstation.manage_invitations")
approved_by_officials = invitation_view(APPROVE)


def _detail_url(invitation: Invitation) -> str:
    return reverse("workstation:invitation_detail", kwargs={"pk": invitation.pk})


@read_permission
def invitation_list(request):
    visible = Invitation.objects.visible_to(request.user)
    this_year = timezone.localdate().year
    years_with_invitations = set(
        visible.annotate(year=ExtractYear("event__starts_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    years = sorted({this_year} | years_with_invitations, reverse=True)
    form = FilterForm(
        request.GET or None,
        initial={"year": this_year},
        years=years,
        statuses=InvitationStatus.choices,
    )
    year, status = this_year, ""
    if form.is_valid():
        year = form.cleaned_data["year"] or this_year
        status = form.cleaned_data["status"]
    in_year = visible.filter(event__starts_at__year=year)
    counted = dict(in_year.order_by().values_list("status").annotate(count=Count("pk")))
    counts = [
        {"status": value, "label": label, "count": counted.get(value, 0)}
        for value, label in InvitationStatus.choices
    ]
    invitations = in_year.filter(status=status) if status else in_year
    invitations = list(
        invitations.select_related("event").order_by("event__starts_at", "name", "pk")
    )
    return render(
        request,
        "workstation/invitations/list.html",
        {
            "form": form,
            "year": year,
            "status": status,
            "counts": counts,
            "total": sum(counted.values()),
            # An empty year points to the years that do have invitations.
            "other_years": sorted(years_with_invitations - {year}),
            "invitations": invitations,
            "can_manage": request.user.has_perm("workstation.manage_invitations"),
        },
    )


def _actions(request, invitation: Invitation) -> dict:
    user = request.user
    manage = user.has_perm("workstation.manage_invitations")
    approve = _may(user, APPROVE)
    status = invitation.status
    return {
        "submit": manage and status == InvitationStatus.DRAFT,
        "review": approve and status == InvitationStatus.AWAITING_APPROVAL,
        "mark_sent": manage and status == InvitationStatus.APPROVED,
        "answer": manage and status == InvitationStatus.SENT,
        "travel": manage and status == InvitationStatus.ACCEPTED,
        "attended": manage and status == InvitationStatus.TRAVEL_ARRANGED,
    }


def _render_detail(request, invitation: Invitation, *, send_back_form=None, status=200):
    actions = _actions(request, invitation)
    return render(
        request,
        "workstation/invitations/detail.html",
        {
            "invitation": invitation,
            "event": invitation.event,
            "event_text": invitation.event.text(),
            "awaiting_approval": services.is_awaiting_approval(invitation),
            "history": services.history(invitation),
            "actions": actions,
            "has_actions": any(actions.values()),
            "event_started": invitation.event.starts_at <= timezone.now(),
            "can_manage": request.user.has_perm("workstation.manage_invitations"),
            "step_form": StepForm(auto_id="step_%s"),
            "send_back_form": send_back_form or SendBackForm(auto_id="back_%s"),
        },
        status=status,
    )


@invitation_view()
def invitation_detail(request, invitation: Invitation):
    return _render_detail(request, invitation)


def _form_page(request, form, invitation, status=200):
    return render(
        request,
        "workstation/invitations/form.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@manage_permission
def invitation_create(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            invitation = services.create_invitation(
                invitation=form.save(commit=False), actor=request.user
            )
            messages.success(
                request,
                _(
                    "The invitation was saved as a draft. Ask an official for approval when it is "
                    "ready."
                ),
            )
            return redirect(_detail_url(invitation))
        return _form_page(request, form, None, status=400)
    return _form_page(request, form, None)


@managed
def invitation_edit(request, invitation: Invitation):
    locked = not services.may_change_approved_fields(invitation)
    form = InvitationForm(request.POST or None, instance=invitation, locked=locked)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_details(
                    invitation=form.save(commit=False),
                    changed=form.changed_data,
                    actor=request.user,
                )
            except services.InvitationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(_detail_url(invitation))
        return _form_page(request, form, invitation, status=400)
    return _form_page(request, form, invitation)


@managed
def invitation_notes(request, invitation: Invitation):
    form = NotesForm(request.POST or None, instance=invitation)
    if request.method == "POST":
        if form.is_valid():
            services.save_notes(
                invitation=invitation,
                protocol_notes=form.cleaned_data["protocol_notes"],
                follow_up=form.cleaned_data["follow_up"],
                actor=request.user,
            )
            messages.success(request, _("The protocol notes and follow-up were saved."))
            return redirect(_detail_url(invitation))
        status = 400
    else:
        status = 200
    return render(
        request,
        "workstation/invitations/notes.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


def _take_step(request, invitation: Invitation, step, success, **extra):
    """Run one step of the flow with the note typed beside its button; a refused step says why."""
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return redirect(_detail_url(invitation))
    return _run_step(request, invitation, step, success, note=form.cleaned_data["note"], **extra)


def _run_step(request, invitation: Invitation, step, success, **arguments):
    try:
        step(invitation=invitation, actor=request.user, **arguments)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(success))
    return redirect(_detail_url(invitation))


def _note_step(step, success, *, allowed):
    """The view of a step that takes nothing but the note typed beside its button; ``success`` is
    lazy, translated for the request."""

    @require_POST
    @allowed
    def view(request, invitation: Invitation):
        return _take_step(request, invitation, step, success)

    return view


invitation_submit = _note_step(
    services.submit_for_approval,
    gettext_lazy(
        "The invitation was submitted: the Lanzhou officials are asked by mail to approve it."
    ),
    allowed=managed,
)
invitation_approve = _note_step(
    services.approve, gettext_lazy("You approved the invitation."), allowed=approved_by_officials
)
invitation_mark_sent = _note_step(
    services.mark_sent, gettext_lazy("The invitation is recorded as sent."), allowed=managed
)
invitation_travel = _note_step(
    services.arrange_travel,
    gettext_lazy("The VIP's travel is recorded as arranged."),
    allowed=managed,
)
invitation_attended = _note_step(
    services.mark_attended,
    gettext_lazy("The VIP is recorded as having attended."),
    allowed=managed,
)


@require_POST
@approved_by_officials
def invitation_send_back(request, invitation: Invitation):
    form = SendBackForm(request.POST, auto_id="back_%s")
    if not form.is_valid():
        return _render_detail(request, invitation, send_back_form=form, status=400)
    return _run_step(
        request,
        invitation,
        services.send_back,
        _("The invitation was sent back to the workstation staff."),
        note=form.cleaned_data["note"],
    )


@require_POST
@managed
def invitation_answer(request, invitation: Invitation):
    answer = request.POST.get("answer")
    if answer not in ("accepted", "declined"):
        messages.error(request, _("Say whether the VIP accepted or declined."))
        return redirect(_detail_url(invitation))
    accepted = answer == "accepted"
    return _take_step(
        request,
        invitation,
        services.record_answer,
        _("The VIP's acceptance was recorded.")
        if accepted
        else _("The VIP's refusal was recorded."),
        accepted=accepted,
    )
