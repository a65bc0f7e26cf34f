"""The briefing's pages: the archive, a briefing (written and reviewed from its page) and an
item's form. Publishing and the PDF editions are reports.editions' views, shown on these pages
through the ``editions`` template tags, so that editions depend on briefings and not back.

Staff write, submit and publish; officials comment, request changes and approve; both read and
download. Talents get 403; a briefing an official may not see yet (never submitted) is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.briefings import services
from reports.briefings.forms import ArchiveSearchForm, CommentForm, ItemForm, RequestChangesForm
from reports.briefings.models import (
    WRITTEN_SECTIONS,
    BriefingItem,
    MonthlyBriefing,
)
from reports.briefings.page import BriefingPage
from workstation.accounts.decorators import permission_required
from workstation.segmenter import normalize
from workstation.templatetags.fragments import fingerprint

view_permission = permission_required("reports.view_briefings")
write_permission = permission_required("reports.write_briefing")
review_permission = permission_required("reports.review_briefing")


def visible_briefing(request, pk: int) -> MonthlyBriefing:
    return get_object_or_404(MonthlyBriefing.objects.visible_to(request.user), pk=pk)


@view_permission
def briefing_list(request):
    form = ArchiveSearchForm(request.GET or None)
    # The published editions are picked from these by the editions template tags.
    briefings = MonthlyBriefing.objects.visible_to(request.user).prefetch_related("pdfs")
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        briefings = briefings.filter(pk__in=matching_briefings(query))
    return render(
        request,
        "reports/briefing_list.html",
        {"form": form, "briefings": briefings, "query": query},
    )


def matching_briefings(query: str):
    """Briefings whose items say ``query`` in either language (Traditional folded to Simplified)."""
    condition = Q()
    for term in {query, normalize(query)}:
        for field in ("headline_zh_hans", "headline_en", "summary_zh_hans", "summary_en"):
            condition |= Q(**{f"{field}__icontains": term})
    return BriefingItem.objects.filter(condition).values("briefing_id")


def _render_briefing(request, briefing, *, status=200, comment_form=None, changes_form=None):
    forms = [form for form in (comment_form, changes_form) if form is not None]
    return render(
        request,
        "reports/briefing_detail.html",
        {
            "briefing": briefing,
            "page": BriefingPage(briefing=briefing, language=get_language()),
            "can_write": request.user.has_perm("reports.write_briefing"),
            "can_review": request.user.has_perm("reports.review_briefing"),
            # Built only when the part showing them is not kept yet.
            "comment_form": comment_form or SimpleLazyObject(CommentForm),
            "changes_form": changes_form or SimpleLazyObject(RequestChangesForm),
            # A form sent back with its errors is shown in the kept part: its key says so.
            "forms_key": fingerprint(forms) if forms else "",
        },
        status=status,
    )


@view_permission
def briefing_detail(request, pk: int):
    return _render_briefing(request, visible_briefing(request, pk))


def _item_form(request, briefing, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(
                item=form.save(commit=False),
                edited_languages=form.edited_languages(),
                actor=request.user,
            )
        except services.BriefingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The item is saved."))
            return redirect("reports:briefing_detail", pk=briefing.pk)
    elif request.method == "POST":
        messages.error(
            request, _("The item was not saved: please correct the fields marked below.")
        )
    if not briefing.is_editable:
        messages.error(request, _("This briefing can no longer be edited."))
    return render(
        request,
        "reports/item_form.html",
        {"form": form, "briefing": briefing, "item": item if item.pk else None},
        status=400 if form.errors else 200,
    )


@write_permission
def item_add(request, pk: int):
    briefing = visible_briefing(request, pk)
    item = BriefingItem(briefing=briefing)
    if request.method == "GET" and request.GET.get("section") in {
        s.value for s in WRITTEN_SECTIONS
    }:
        item.section = request.GET["section"]
    return _item_form(request, briefing, item)


@write_permission
def item_edit(request, pk: int, item_pk: int):
    briefing = visible_briefing(request, pk)
    return _item_form(request, briefing, get_object_or_404(briefing.items, pk=item_pk))


def act_on(request, briefing, success: str, action, /, **arguments):
    """Calls a service with the signed-in user as the actor, then goes back to the briefing's
    page: the service's refusal shown as an error, else the success message."""
    try:
        action(actor=request.user, **arguments)
    except services.BriefingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("reports:briefing_detail", pk=briefing.pk)


@require_POST
@write_permission
def item_delete(request, pk: int, item_pk: int):
    briefing = visible_briefing(request, pk)
    item = get_object_or_404(briefing.items, pk=item_pk)
    return act_on(request, briefing, _("The item is deleted."), services.delete_item, item=item)


@require_POST
@write_permission
def item_confirm(request, pk: int, item_pk: int):
    briefing = visible_briefing(request, pk)
    item = get_object_or_404(briefing.items, pk=item_pk)
    message = _("The translation is confirmed as current.")
    language = request.POST.get("language", "")
    return act_on(
        request, briefing, message, services.confirm_translation, item=item, language=language
    )


@require_POST
@review_permission
def comment_add(request, pk: int):
    briefing = visible_briefing(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment was not added: please correct it below."))
        return _render_briefing(request, briefing, status=400, comment_form=form)
    message = _("Your comment is added.")
    return act_on(
        request, briefing, message, services.add_comment, briefing=briefing, **form.cleaned_data
    )


@require_POST
@review_permission
def briefing_request_changes(request, pk: int):
    briefing = visible_briefing(request, pk)
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was not sent: please correct it below."))
        return _render_briefing(request, briefing, status=400, changes_form=form)
    note = form.cleaned_data["note"]
    try:
        services.request_changes(briefing=briefing, note=note, actor=request.user)
    except services.BriefingError as error:
        messages.error(request, str(error))
        return _render_briefing(request, briefing, status=400, changes_form=form)
    messages.success(request, _("Your request for changes is sent to the workstation."))
    return redirect("reports:briefing_detail", pk=briefing.pk)


def briefing_step(step, success, *, allowed):
    """The view of a step the briefing takes as a whole; ``success`` is lazy, translated for the
    request."""

    @require_POST
    @allowed
    def view(request, pk: int):
        briefing = visible_briefing(request, pk)
        return act_on(request, briefing, str(success), step, briefing=briefing)

    return view


briefing_submit = briefing_step(
    services.submit,
    gettext_lazy("The briefing is submitted; the officials are told by mail."),
    allowed=write_permission,
)
briefing_approve = briefing_step(
    services.approve, gettext_lazy("The briefing is approved."), allowed=review_permission
)
