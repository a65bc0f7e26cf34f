"""What staff see and do about a PDF lost on its way to a worker, the same for every kind of PDF
(briefing editions, rosters and itineraries, year-end summaries)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from workstation.pdf import pdf_unavailable_reason


def check_try_again(*, clients, staff, record, page_url, retry_url, anchor, queued, capture):
    """Just asked for, ``record`` offers no "Try again"; pending past the grace, staff (not
    officials) see the button on ``page_url``, and a POST makes it pending as asked for now,
    hands it to the worker once (``queued`` collects what was enqueued) and comes back to the
    page at ``anchor``."""
    assert retry_url not in clients["staff"].get(page_url).content.decode()
    assert clients["staff"].post(retry_url).status_code == 404  # being made, not lost

    type(record).objects.filter(pk=record.pk).update(
        requested_at=timezone.now() - timedelta(minutes=3)
    )
    page = clients["staff"].get(page_url).content.decode()
    assert "Being made" in page and retry_url in page
    assert retry_url not in clients["official"].get(page_url).content.decode()
    assert clients["official"].post(retry_url).status_code == 403
    with capture(execute=True):
        response = clients["staff"].post(retry_url)
    assert response.status_code == 302 and response["Location"] == f"{page_url}#{anchor}"
    assert queued == [record.pk]
    record.refresh_from_db()
    assert record.status == "pending" and record.requested_by == staff
    assert timezone.now() - record.requested_at < timedelta(minutes=1)
    assert clients["staff"].post(retry_url).status_code == 404  # asked again just now


needs_pdf = pytest.mark.skipif(
    bool(pdf_unavailable_reason()), reason="this machine cannot make PDFs (Pango or CJK font)"
)
