"""Meeting pages: the list and a meeting's page for staff and officials (talents get 403, as for
the whole section); for staff the scheduling form, the minutes and the action items; the owner of
an item (or staff) marks it done.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workstation.accounts.decorators import permission_required
from workstation.events.models import Event
from workstation.meetings import services
from workstation.meetings.forms import ActionItemForm, MeetingEventForm, MeetingForm, MinutesForm
from workstation.meetings.models import ActionItem, Meeting

PAGE_SIZE = 20

view_permission = permission_required("workstation.view_meetings")
manage_permission = permission_required("workstation.manage_meetings")


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("event"), pk=pk
    )


@view_permission
def meeting_list(request):
    meetings = Meeting.objects.visible_to(request.user).with_open_items()
    now = timezone.now()
    upcoming = meetings.filter(event__ends_at__gte=now).order_by("event__starts_at", "pk")
    past = meetings.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-pk")
    return render(
        request,
        "workstation/meetings/list.html",
        {
            "upcoming": list(upcoming),
            "page": Paginator(past, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_manage": request.user.has_perm("workstation.manage_meetings"),
        },
    )


def _render_meeting(request, meeting, *, item_form=None, status=200):
    items = list(meeting.action_items.select_related("owner").order_by("done_at", "due_on", "pk"))
    for item in items:
        item.can_complete = request.user.has_perm("workstation.complete_action_item", item)
    can_manage = request.user.has_perm("workstation.manage_meetings")
    return render(
        request,
        "workstation/meetings/detail.html",
        {
            "meeting": meeting,
            "event": meeting.event,
            "text": meeting.event.text(),
            "agenda": meeting.shown_agenda,
            "minutes": meeting.shown_minutes,
            "invitees": list(meeting.invitees.order_by("full_name", "email")),
            "items": items,
            "can_manage": can_manage,
            "has_started": services.has_started(meeting),
            "item_form": item_form or (ActionItemForm() if can_manage else None),
            "today": timezone.localdate(),
        },
        status=status,
    )


@view_permission
def meeting_detail(request, pk: int):
    return _render_meeting(request, _meeting(request, pk))


def _meeting_form(request, meeting: Meeting | None):
    event = meeting.event if meeting else Event()
    event_form = MeetingEventForm(request.POST or None, instance=event)
    meeting_form = MeetingForm(request.POST or None, instance=meeting or Meeting())
    if request.method == "POST":
        if event_form.is_valid() and meeting_form.is_valid():
            saved = services.save_meeting(
                event=event_form.save(commit=False),
                meeting=meeting_form.save(commit=False),
                invitees=meeting_form.cleaned_data["invitees"],
                actor=request.user,
                changed=event_form.changed_data + meeting_form.changed_data,
            )
            if meeting is None:
                messages.success(request, _("The meeting was scheduled."))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect("workstation:meeting_detail", pk=saved.pk)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    return render(
        request,
        "workstation/meetings/form.html",
        {"event_form": event_form, "meeting_form": meeting_form, "meeting": meeting},
        status=400 if request.method == "POST" else 200,
    )


@manage_permission
def meeting_create(request):
    return _meeting_form(request, None)


@manage_permission
def meeting_edit(request, pk: int):
    return _meeting_form(request, _meeting(request, pk))


@manage_permission
def meeting_minutes(request, pk: int):
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST or None, instance=meeting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_minutes(meeting=form.save(commit=False), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect("workstation:meeting_detail", pk=meeting.pk)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
        status = 400
    return render(
        request,
        "workstation/meetings/minutes_form.html",
        {
            "form": form,
            "meeting": meeting,
            "text": meeting.event.text(),
            "has_started": services.has_started(meeting),
        },
        status=status,
    )


def _item_page(request, meeting, item):
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST":
        if form.is_valid():
            services.save_action_item(
                item=form.save(commit=False), actor=request.user, changed=form.changed_data
            )
            messages.success(request, _("The action item was saved."))
            return redirect(_items_url(meeting.pk))
        messages.error(
            request, _("The action item was not saved: please correct the fields marked below.")
        )
    return render(
        request,
        "workstation/meetings/item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "text": meeting.event.text(),
            "item": item if item.pk else None,
        },
        status=400 if form.errors else 200,
    )


def _items_url(meeting_pk: int) -> str:
    return reverse("workstation:meeting_detail", kwargs={"pk": meeting_pk}) + "#action-items"


@manage_permission
def action_item_add(request, pk: int):
    meeting = _meeting(request, pk)
    return _item_page(request, meeting, ActionItem(meeting=meeting))


@manage_permission
def action_item_edit(request, pk: int):
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("meeting__event"), pk=pk
    )
    return _item_page(request, item.meeting, item)


@require_POST
@manage_permission
def action_item_delete(request, pk: int):
    item = get_object_or_404(ActionItem.objects.visible_to(request.user), pk=pk)
    services.delete_action_item(item=item, actor=request.user)
    messages.success(request, _("The action item was deleted."))
    return redirect(_items_url(item.meeting_id))


@require_POST
@view_permission
def action_item_done(request, pk: int):
    item = get_object_or_404(ActionItem.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("workstation.complete_action_item", item):
        raise PermissionDenied
    done = request.POST.get("undo") != "1"
    services.set_action_item_done(item=item, done=done, actor=request.user)
    if done:
        messages.success(request, _("The action item is marked done."))
    else:
        messages.success(request, _("The action item is open again."))
    return redirect(_items_url(item.meeting_id))
