from django.shortcuts import render

from talentpool.counts.services import SMALL_CELL, hides_small_cells, pool_counts
from workstation.accounts.decorators import permission_required


@permission_required("talentpool.view_counts")
def counts(request):
    counts = pool_counts(hide_small_cells=hides_small_cells(request.user))
    return render(
        request,
        "talentpool/counts.html",
        {"counts": counts, "small_cell": SMALL_CELL},
    )
