from django.shortcuts import render

from talentpool.counts.services import SMALL_CELL, pool_counts
from workstation.accounts.decorators import permission_required


@permission_required("talentpool.view_counts")
def counts(request):
    hide = not request.user.has_perm("talentpool.manage_pool")
    return render(
        request,
        "talentpool/counts.html",
        {"counts": pool_counts(hide_small_cells=hide), "small_cell": SMALL_CELL},
    )
