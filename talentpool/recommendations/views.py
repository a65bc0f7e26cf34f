"""A talent's "For you" page and their "I'm interested" on a demand shown there. Talents only:
staff and officials get 403, as on the talent's other own pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from projects.demands.models import Demand
from talentpool.interactions.services import record_demand_interest
from talentpool.profiles.services import first_unfinished_step, own_profile_of
from talentpool.recommendations import services
from workstation.accounts.decorators import permission_required

keeps_own_profile = permission_required("talentpool.keep_own_profile")


@never_cache
@keeps_own_profile
def for_you(request):
    profile = own_profile_of(request.user)
    context = {"profile": profile, "events": services.upcoming_events(request.user)}
    if profile is not None:
        context.update(
            next_step=first_unfinished_step(profile),
            policies=services.policies_for(profile),
            demands=services.demands_for(profile),
        )
    return render(request, "talentpool/for_you.html", context)


@require_POST
@keeps_own_profile
def demand_interest(request, pk: int):
    # A talent sees the open demands: a closed one is gone from their page (404).
    demand = get_object_or_404(Demand.objects.visible_to(request.user), pk=pk)
    profile = own_profile_of(request.user)
    if profile is None:
        return redirect("talentpool:profile_start")
    try:
        _interaction, created = record_demand_interest(
            profile=profile, demand=demand, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request, _("Thank you: the workstation's staff will contact you about it.")
            )
    return redirect(reverse("talentpool:for_you") + f"#demand-{demand.pk}")
