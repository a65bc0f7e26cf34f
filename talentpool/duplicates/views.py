"""Staff pages: the flagged pairs, and the side-by-side merge of two profiles."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentpool.duplicates import services
from talentpool.duplicates.forms import MergeForm
from talentpool.profiles.models import TalentProfile
from workstation.accounts.decorators import permission_required

manage_pool = permission_required("talentpool.manage_pool")

# Pairs listed at once; merging them brings the next ones up.
PAIRS_SHOWN = 200


@manage_pool
def duplicate_list(request):
    pairs = services.duplicate_pairs(
        TalentProfile.objects.visible_to(request.user), limit=PAIRS_SHOWN + 1
    )
    return render(
        request,
        "talentpool/duplicate_list.html",
        {"pairs": pairs[:PAIRS_SHOWN], "more": len(pairs) > PAIRS_SHOWN, "shown": PAIRS_SHOWN},
    )


@require_POST
@manage_pool
def not_duplicates(request, first: int, second: int):
    """Staff compared the pair and found two different people: it is no longer listed."""
    visible = TalentProfile.objects.visible_to(request.user)
    first_profile = get_object_or_404(visible, pk=first)
    second_profile = get_object_or_404(visible, pk=second)
    if first_profile.pk == second_profile.pk:
        raise Http404
    services.mark_different_people(first=first_profile, second=second_profile, actor=request.user)
    messages.success(request, _("Marked as two different people: the pair is no longer listed."))
    return redirect("talentpool:duplicates")


def _related_counts(profile) -> dict[str, int]:
    return {"interactions": profile.interactions.count(), "consents": profile.consents.count()}


@manage_pool
def merge(request, keep: int, other: int):
    visible = TalentProfile.objects.visible_to(request.user).select_related(
        "native_region", "industry", "user"
    )
    keep_profile = get_object_or_404(visible, pk=keep)
    other_profile = get_object_or_404(visible, pk=other)
    if keep_profile.pk == other_profile.pk:
        raise Http404
    form = MergeForm(request.POST or None, keep=keep_profile, other=other_profile)
    refusal = None
    try:
        services.check_mergeable(keep_profile, other_profile)
    except services.MergeRefused as error:
        refusal = str(error)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            services.merge_profiles(
                keep=keep_profile,
                other=other_profile,
                take_from_other=form.take_from_other(),
                actor=request.user,
            )
        except services.MergeRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("The two profiles were merged into one."))
            return redirect("talentpool:duplicates")
    return render(
        request,
        "talentpool/duplicate_merge.html",
        {
            "form": form,
            "keep": keep_profile,
            "other": other_profile,
            "refusal": refusal,
            "keep_counts": _related_counts(keep_profile),
            "other_counts": _related_counts(other_profile),
            "reasons": services.reason_labels(
                services.reasons_between(keep_profile, other_profile)
            ),
        },
        status=409 if refusal and request.method == "POST" else 200,
    )
