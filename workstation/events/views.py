"""Event pages: the public list and event page, .ics downloads, registration and its cancel
link; for staff the event form, the QR code of the registration link and the check-in list;
personal calendar feeds.

Events that are not public exist only for staff and officials: everyone else gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workstation.accounts.decorators import permission_required
from workstation.events import calendar, services
from workstation.events.forms import (
    CoverageForm,
    EventForm,
    MediaPartnerForm,
    RegistrationForm,
    SpeakerForm,
)
from workstation.events.models import (
    CalendarFeed,
    Coverage,
    Event,
    EventKind,
    MediaPartner,
    Registration,
    Speaker,
)

PAGE_SIZE = 20

manage_permission = permission_required("workstation.manage_events")
feed_permission = permission_required("workstation.keep_calendar_feed")


def _visible_event(request, pk: int) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk)


def _calendar_response(content: bytes, file_name: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=calendar.CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    response["Cache-Control"] = "private, no-cache"
    return response


# --- Public pages


def event_list(request):
    events = Event.objects.visible_to(request.user)
    now = timezone.now()
    return render(
        request,
        "workstation/events_list.html",
        {
            "upcoming": list(events.upcoming(now)),
            "page": Paginator(events.past(now), PAGE_SIZE).get_page(request.GET.get("page")),
            "staff_view": request.user.has_perm("workstation.manage_events"),
        },
    )


def event_detail(request, pk: int):
    event = _visible_event(request, pk)
    staff_view = request.user.has_perm("workstation.manage_events")
    context = {
        "event": event,
        "text": event.text(),
        "staff_view": staff_view,
        "places_left": services.places_left(event) if event.accepts_registrations else None,
    }
    if event.is_conference:
        partners = event.media_partners.all()
        if request.user.has_perm("workstation.read_coverage"):
            partners = partners.prefetch_related("coverage")
            context["show_coverage"] = True
        context["speakers"] = list(event.speakers.all())
        context["partners"] = list(partners)
    if staff_view:
        context["counts"] = services.registration_counts(event)
        context["registration_url"] = services.registration_url(event)
    return render(request, "workstation/events_detail.html", context)


def event_ics(request, pk: int):
    event = _visible_event(request, pk)
    return _calendar_response(
        calendar.event_ics(event, get_language()), calendar.ics_file_name(event), download=True
    )


def event_register(request, pk: int):
    event = _visible_event(request, pk)
    if not event.accepts_registrations:
        return render(
            request,
            "workstation/events_register.html",
            {"event": event, "text": event.text(), "closed": True},
        )
    user = request.user
    initial = {"name": user.full_name, "email": user.email} if user.is_authenticated else {}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event_id=event.pk, language=get_language(), user=user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email" if error.code == "duplicate" else None, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _(
                        "You are registered. A confirmation with a calendar file is on its way to "
                        "%(email)s."
                    )
                    % {"email": registration.email},
                )
            else:
                messages.info(
                    request,
                    _(
                        "The event is full: you are on the waiting list. We will write to "
                        "%(email)s as soon as a place becomes free."
                    )
                    % {"email": registration.email},
                )
            return redirect(event)
    return render(
        request,
        "workstation/events_register.html",
        {
            "event": event,
            "text": event.text(),
            "form": form,
            "closed": False,
            "places_left": services.places_left(event),
        },
    )


def registration_cancel(request, token: str):
    """The link in the confirmation mail: asks first, then cancels (POST)."""
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        services.cancel_registration(registration_id=registration.pk)
        messages.success(request, _("Your registration was cancelled."))
        return redirect(request.path)
    return render(
        request,
        "workstation/events_cancel.html",
        {
            "registration": registration,
            "event": registration.event,
            "text": registration.event.text(),
        },
    )


# --- Staff


@manage_permission
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = services.save_event(
            event=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        messages.success(request, _("The event was created."))
        return redirect(event)
    return render(request, "workstation/events_form.html", {"form": form, "event": None})


@manage_permission
def event_edit(request, pk: int):
    event = _visible_event(request, pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.save_event(
            event=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        messages.success(request, _("The changes were saved."))
        return redirect(event)
    return render(request, "workstation/events_form.html", {"form": form, "event": event})


@manage_permission
def event_qr(request, pk: int):
    """The QR code of the public registration link, as SVG (``?download=1`` to save it)."""
    event = _visible_event(request, pk)
    response = HttpResponse(
        services.qr_svg(services.registration_url(event)), content_type="image/svg+xml"
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-qr.svg"'
    return response


def _checkin_url(event_id: int, query: str = "", anchor: str = "") -> str:
    url = reverse("workstation:event_checkin", kwargs={"pk": event_id})
    if query:
        url += "?" + urlencode({"q": query})
    return f"{url}#{anchor}" if anchor else url


@manage_permission
def event_checkin(request, pk: int):
    event = _visible_event(request, pk)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "workstation/events_checkin.html",
        {
            "event": event,
            "text": event.text(),
            "query": query,
            "registrations": services.checkin_list(event=event, query=query),
            "counts": services.registration_counts(event),
        },
    )


@require_POST
@manage_permission
def registration_attend(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    attended = request.POST.get("undo") != "1"
    try:
        services.mark_attended(registration_id=pk, actor=request.user, attended=attended)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if attended:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        else:
            messages.success(
                request, _("The check-in of %(name)s was undone.") % {"name": registration.name}
            )
    return redirect(
        _checkin_url(registration.event_id, request.POST.get("q", ""), f"registration-{pk}")
    )


@require_POST
@manage_permission
def registration_staff_cancel(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    services.cancel_registration(registration_id=pk, actor=request.user)
    messages.success(
        request, _("The registration of %(name)s was cancelled.") % {"name": registration.name}
    )
    return redirect(_checkin_url(registration.event_id, request.POST.get("q", "")))


# --- Personal calendar feeds


def calendar_feed(request, token: str):
    """A person's events for their calendar app, at a secret address (no sign-in)."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    if not feed.user.has_perm("workstation.keep_calendar_feed"):
        raise Http404
    content = calendar.calendar_bytes(
        services.feed_entries(feed.user),
        get_language(),
        name=_("Lanzhou Silicon Valley Workstation events"),
    )
    return _calendar_response(content, "events.ics", download=False)


def _feed_settings_url() -> str:
    return reverse("workstation:account_settings") + "#calendar-feed"


@require_POST
@feed_permission
def calendar_feed_create(request):
    services.create_calendar_feed(user=request.user)
    messages.success(
        request, _("Your calendar address is ready; an earlier address no longer works.")
    )
    return redirect(_feed_settings_url())


@require_POST
@feed_permission
def calendar_feed_revoke(request):
    if services.revoke_calendar_feed(user=request.user):
        messages.success(request, _("Your calendar address was revoked; it no longer works."))
    return redirect(_feed_settings_url())


# --- The conference's programme (staff): speakers, media partners, coverage


def _conference(request, pk: int) -> Event:
    conferences = Event.objects.visible_to(request.user).filter(kind=EventKind.CONFERENCE)
    return get_object_or_404(conferences, pk=pk)


class _Programme(NamedTuple):
    """What differs between a speaker, a media partner and a coverage item."""

    form_class: type
    anchor: str  # its place on the event's page
    delete_view: str
    event_path: str  # the relation that leads from the entry to its event
    edit_heading: Callable[[], str]
    delete_question: Callable[[object], str]


_PROGRAMME = {
    Speaker: _Programme(
        SpeakerForm,
        "#speakers",
        "speaker_delete",
        "event",
        lambda: _("Edit the speaker"),
        lambda speaker: _("Remove %(name)s from the speakers?") % {"name": speaker.name},
    ),
    MediaPartner: _Programme(
        MediaPartnerForm,
        "#media-partners",
        "partner_delete",
        "event",
        lambda: _("Edit the media partner"),
        lambda partner: (
            _("Remove the media partner %(name)s and all its coverage?")
            % {"name": partner.shown_name.text}
        ),
    ),
    Coverage: _Programme(
        CoverageForm,
        "#media-partners",
        "coverage_delete",
        "partner__event",
        lambda: _("Edit the coverage item"),
        lambda item: _("Remove the coverage item “%(title)s”?") % {"title": item.title},
    ),
}


def _event_of(entry) -> Event:
    return entry.partner.event if isinstance(entry, Coverage) else entry.event


def _programme_entry(model, pk: int):
    return get_object_or_404(model.objects.select_related(_PROGRAMME[model].event_path), pk=pk)


def _programme_form(request, entry, heading: str):
    """One form page for a speaker, a media partner or a coverage item: saved, back to the event."""
    form_class, anchor, delete_view = _PROGRAMME[type(entry)][:3]
    event = _event_of(entry)
    form = form_class(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        services.save_programme_entry(
            entry=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        messages.success(request, _("The changes were saved."))
        return redirect(event.get_absolute_url() + anchor)
    delete_url = reverse(f"workstation:{delete_view}", kwargs={"pk": entry.pk}) if entry.pk else ""
    return render(
        request,
        "workstation/events_programme_form.html",
        {
            "form": form,
            "event": event,
            "heading": heading,
            "entry": entry,
            "delete_url": delete_url,
            "anchor": anchor,
        },
    )


def _programme_delete(request, entry, question: str):
    """Asks first (GET), deletes on POST."""
    anchor = _PROGRAMME[type(entry)].anchor
    event = _event_of(entry)
    if request.method == "POST":
        services.delete_programme_entry(entry=entry, actor=request.user)
        messages.success(request, _("Deleted."))
        return redirect(event.get_absolute_url() + anchor)
    return render(
        request,
        "workstation/events_programme_delete.html",
        {"event": event, "entry": entry, "question": question, "anchor": anchor},
    )


def _programme_edit(model):
    @manage_permission
    def view(request, pk: int):
        entry = _programme_entry(model, pk)
        return _programme_form(request, entry, _PROGRAMME[model].edit_heading())

    return view


def _programme_delete_view(model):
    @manage_permission
    def view(request, pk: int):
        entry = _programme_entry(model, pk)
        return _programme_delete(request, entry, _PROGRAMME[model].delete_question(entry))

    return view


@manage_permission
def speaker_create(request, pk: int):
    return _programme_form(request, Speaker(event=_conference(request, pk)), _("Add a speaker"))


@manage_permission
def partner_create(request, pk: int):
    partner = MediaPartner(event=_conference(request, pk))
    return _programme_form(request, partner, _("Add a media partner"))


@manage_permission
def coverage_create(request, pk: int):
    partner = _programme_entry(MediaPartner, pk)
    heading = _("Add coverage by %(partner)s") % {"partner": partner.shown_name.text}
    return _programme_form(request, Coverage(partner=partner), heading)


speaker_edit = _programme_edit(Speaker)
speaker_delete = _programme_delete_view(Speaker)
partner_edit = _programme_edit(MediaPartner)
partner_delete = _programme_delete_view(MediaPartner)
coverage_edit = _programme_edit(Coverage)
coverage_delete = _programme_delete_view(Coverage)
