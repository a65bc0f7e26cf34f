"""The pipeline's pages: the public intake, the project page with its stage moves, notes and
documents, and the staff's project form.

Staff work the pipeline; officials read it (every changing view answers 403 to them); talents get
403; anonymous people are sent to sign in. The intake is public.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.pipeline import services
from projects.pipeline.forms import (
    DOCUMENT_KINDS,
    DocumentForm,
    IntakeForm,
    ProjectForm,
    StageMoveForm,
)
from projects.pipeline.models import Project, ProjectDocument, Stage
from workstation.accounts.decorators import permission_required
from workstation.visitors import client_address

view_permission = permission_required("projects.view_pipeline")
staff_permission = permission_required("projects.manage_pipeline")


def _is_staff(user) -> bool:
    return user.has_perm("projects.manage_pipeline")


def _project(request, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related("industry", "owner"), pk=pk
    )


# --- The public intake


def intake(request):
    form = IntakeForm(request.POST or None)
    if request.method == "POST":
        if form.looks_like_spam():
            return redirect("projects:intake_done")  # the same thanks; nothing is kept
        if form.is_valid():
            if not services.intake_rate_limited(ip=client_address(request)):
                services.submit_intake(data=form.project_data(), language=get_language())
                return redirect("projects:intake_done")
            # Said plainly (and what was typed kept): a real person may share an address.
            form.add_error(
                None,
                _(
                    "Many projects were submitted from your network in the last hour. Please "
                    "submit again in an hour; nothing you typed is lost."
                ),
            )
    return render(request, "projects/pipeline_intake.html", {"form": form})


def intake_done(request):
    return render(request, "projects/pipeline_intake_done.html")


# --- The project page


def _render_project(request, project: Project, *, move_form=None, document_form=None, status=200):
    staff_view = _is_staff(request.user)
    changes = list(
        project.stage_changes.select_related("changed_by").order_by("-changed_at", "-pk")
    )
    context = {
        "project": project,
        "staff_view": staff_view,
        "changes": changes,
        "time_in_stages": [
            (Stage(stage).label, duration)
            for stage, duration in services.time_in_stages(project, changes)
        ],
        "documents": list(project.documents.select_related("uploaded_by")),
        "missing_zh": not (project.title_zh_hans and project.summary_zh_hans),
        "missing_en": not (project.title_en and project.summary_en),
    }
    if staff_view:
        context["move_form"] = move_form or StageMoveForm(project=project)
        context["document_form"] = document_form or DocumentForm()
    return render(request, "projects/pipeline_detail.html", context, status=status)


@view_permission
def project_detail(request, pk: int):
    return _render_project(request, _project(request, pk))


def _project_form(request, project: Project):
    """The form page of a new project (a lead) or of an existing one: saved, on to its page."""
    created = project.pk is None
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        save = services.create_project if created else services.save_project
        save(project=form.save(commit=False), actor=request.user, changed=form.changed_data)
        if created:
            messages.success(request, _("The project was created as a lead."))
        else:
            messages.success(request, _("The changes were saved."))
        return redirect("projects:project_detail", pk=project.pk)
    context = {"form": form, "project": None if created else project}
    return render(request, "projects/pipeline_form.html", context)


@staff_permission
def project_create(request):
    return _project_form(request, Project())


@staff_permission
def project_edit(request, pk: int):
    return _project_form(request, _project(request, pk))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _next_url(request) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _error_dict(form) -> dict[str, list[str]]:
    return {field: [str(message) for message in errors] for field, errors in form.errors.items()}


@require_POST
@staff_permission
def project_move(request, pk: int):
    """Move a project to another stage (staff; POST).

    Fields (form-encoded): ``to_stage`` (a Stage value) and what the target stage needs:
    ``reason`` (dropped), ``on_date`` as YYYY-MM-DD (on hold: a future revisit date; landed: the
    entity's registration date, not in the future), ``amount`` as a non-negative whole number
    of US dollars (signed at the Expo; landed), ``agreement_type`` (signed at the Expo),
    ``criteria`` repeated once per Expo criterion, all five of policy_fit, environment,
    technology, maturity, market (qualified); expo confirmed needs the project's expo year (set
    on the project, not in this form). ``note`` is optional; ``next`` is where to go back to.

    With the header ``Accept: application/json`` (the board's mouse and keyboard moves):
    200 ``{"ok": true, "stage": "<value>", "stage_label": "<label in the page's language>"}``;
    400 ``{"ok": false, "errors": {"<field>": ["<message>", ...], "__all__": [...]}}`` with
    messages in the request's language (``__all__`` holds what is not a field of the form,
    e.g. the missing expo year); officials and talents 403, anonymous a redirect to sign in.

    Otherwise: a success message and a redirect to ``next`` (a local URL) or the project page;
    on an error, a redirect to ``next`` with the errors as messages, or without ``next`` the
    project page again (status 400) with the form, its errors and what was typed.
    """
    project = _project(request, pk)
    form = StageMoveForm(request.POST, project=project)
    if form.is_valid():
        try:
            services.move_project(project=project, by=request.user, **form.move_arguments())
        except ValidationError as error:
            form.add_error(None, _only_known_fields(error, form))
    if not form.errors:
        label = project.get_stage_display()
        if _wants_json(request):
            return JsonResponse({"ok": True, "stage": project.stage, "stage_label": str(label)})
        messages.success(request, _("The project moved to “%(stage)s”.") % {"stage": label})
        return redirect(_next_url(request) or reverse("projects:project_detail", args=[pk]))
    if _wants_json(request):
        return JsonResponse({"ok": False, "errors": _error_dict(form)}, status=400)
    next_url = _next_url(request)
    if next_url:
        messages.error(request, _("The project was not moved."))
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(next_url)
    messages.error(request, _("The project was not moved: please correct the form below."))
    return _render_project(request, project, move_form=form, status=400)


def _only_known_fields(error: ValidationError, form) -> ValidationError:
    """Errors keyed by a field the form lacks go to the form as a whole."""
    errors: dict[str, list] = {}
    for field, messages_ in error.message_dict.items():
        key = field if field in form.fields else NON_FIELD_ERRORS
        errors.setdefault(key, []).extend(messages_)
    return ValidationError(errors)


# --- Documents


@require_POST
@staff_permission
def document_upload(request, pk: int):
    project = _project(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_document(
            project=project,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            actor=request.user,
        )
        messages.success(request, _("The document was uploaded."))
        return redirect(reverse("projects:project_detail", args=[pk]) + "#documents")
    messages.error(request, _("The document was not uploaded: please correct the form below."))
    return _render_project(request, project, document_form=form, status=400)


@view_permission
def document_download(request, pk: int):
    """A private document as a download, never shown inline."""
    document = get_object_or_404(
        ProjectDocument.objects.filter(project__in=Project.objects.visible_to(request.user)),
        pk=pk,
    )
    suffix = PurePath(document.file.name).suffix.lower()
    kind = DOCUMENT_KINDS.get(suffix)
    if kind is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = "".join(char for char in document.title if char not in '/\\:*?"<>|').strip()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{name or 'document'}{suffix}",
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
