from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction

from workstation.accounts.models import User
from workstation.demo.content import (
    DEMO_ACCOUNTS,
    DEMO_NEWS,
    DEMO_PASSWORD,
    DEMO_POLICIES,
)
from workstation.publications.models import NewsPost, PolicyPage
from workstation.reference.models import Region


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    """Create the demo accounts and sample publications; running it twice creates nothing twice."""
    created = {"users": 0, "publications": 0}
    for account in DEMO_ACCOUNTS:
        user, was_created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "full_name": account.full_name,
                "preferred_language": account.language,
                "is_staff": account.role in ("admin", "staff"),
                "is_superuser": account.role == "admin",
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created["users"] += 1
        if account.role != "admin":
            user.groups.add(Group.objects.get(name=account.role))
        EmailAddress.objects.get_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if account.totp_secret and not has_totp:
            TOTP.activate(user, account.totp_secret)
    for fields in DEMO_POLICIES:
        fields = dict(fields)
        region_codes = fields.pop("audience_region_codes", [])
        page, was_created = PolicyPage.objects.get_or_create(
            title_en=fields["title_en"],
            is_sample=True,
            defaults={**fields, "title": fields["title_en"], "is_published": True},
        )
        if was_created and region_codes:
            page.audience_regions.set(Region.objects.filter(code__in=region_codes))
        created["publications"] += was_created
    for fields in DEMO_NEWS:
        _post, was_created = NewsPost.objects.get_or_create(
            title_en=fields["title_en"],
            is_sample=True,
            defaults={**fields, "title": fields["title_en"], "is_published": True},
        )
        created["publications"] += was_created
    for name, loader in DEMO_LOADERS.items():
        created[name] = loader()
    return created


# The other apps' demo data: the core app does not import them; they register here on start-up.
DEMO_LOADERS: dict[str, Callable[[], int]] = {}


def register_demo_loader(name: str, loader: Callable[[], int]) -> None:
    DEMO_LOADERS[name] = loader
