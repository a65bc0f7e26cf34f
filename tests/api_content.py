"""Content for the checks that read every endpoint of the API (its schema, Schemathesis): the demo
data, the main pages' content, and what neither makes, so that every list has rows to check.

An endpoint whose list comes back empty here is not checked against its schema: add its rows.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone


def make_api_content(staff) -> None:
    from tests.factories import BriefingFactory, BriefingItemFactory, DemandFactory
    from tests.main_pages import main_pages

    with override_settings(DEBUG=True):  # load_demo refuses to run in production
        call_command("load_demo", stdout=io.StringIO())
    main_pages(staff)
    from projects.matching.models import Match
    from tests.factories import ProjectFactory

    Match.objects.create(
        project=ProjectFactory(), demand=DemandFactory(), status="confirmed", score=0.5
    )
    published = BriefingFactory(
        year=2026, month=9, status="published", review_round=1, published_at=timezone.now()
    )
    BriefingItemFactory(briefing=published)
    # A publication with its editions made (stand-in PDFs) and its data package.
    from tests.factories import UserFactory
    from tests.reports.packages.published import made_package, publish, stand_in_editions

    briefing = publish(staff=staff, official=UserFactory(role="official"), year=2026, month=8)
    stand_in_editions(briefing)
    made_package(briefing)
