"""Sample people for the demo data of `make run` (registered with workstation's load_demo)."""

from __future__ import annotations

from talentpool.consents.models import Consent
from talentpool.consents.services import set_consent
from talentpool.profiles.models import TalentProfile
from talentpool.profiles.services import save_profile
from workstation.reference.models import Industry, Region

# Sample people of the talent pool: invented, tagged "sample", with example.com addresses.
# (Chinese name, English name, native place code, employer, title, industry key, expertise,
#  shares with Lanzhou)
DEMO_TALENT = [
    (
        "王伟",
        "Wei Wang",
        "620102",
        "Example Robotics",
        "Staff Engineer",
        "artificial_intelligence",
        "machine learning, robotics",
        True,
    ),
    (
        "李娜",
        "Na Li",
        "620103",
        "Example Bio",
        "Research Scientist",
        "biomedicine",
        "drug discovery, 生物医药",
        True,
    ),
    (
        "张磊",
        "Lei Zhang",
        "620500",
        "Example Semiconductor",
        "Design Manager",
        "integrated_circuits",
        "chip design, EDA",
        False,
    ),
    (
        "刘洋",
        "Yang Liu",
        "lanzhou-new-area",
        "Example Energy",
        "Battery Engineer",
        "new_energy",
        "固态锂电池, solid-state batteries",
        True,
    ),
    (
        "陈静",
        "Jing Chen",
        "620900",
        "Example Capital",
        "Partner",
        "digital_economy",
        "venture capital, fintech",
        False,
    ),
    (
        "杨帆",
        "Fan Yang",
        "620123",
        "Example Cloud",
        "Architect",
        "big_data_computing",
        "distributed systems, 大数据",
        True,
    ),
    (
        "赵敏",
        "Min Zhao",
        "610000",
        "Example Materials",
        "Chemist",
        "new_materials",
        "graphene, coatings",
        False,
    ),
]


def load_demo_talent() -> int:
    created = 0
    for name_zh, name_en, region, employer, title, industry, expertise, shares in DEMO_TALENT:
        email = f"{name_en.lower().replace(' ', '.')}@example.com"
        if TalentProfile.objects.filter(email=email, tags__contains=["sample"]).exists():
            continue
        profile = save_profile(
            profile=TalentProfile(
                name_zh=name_zh,
                name_en=name_en,
                native_region=Region.objects.get(code=region),
                current_city="San Jose",
                current_state="CA",
                employer=employer,
                title=title,
                industry=Industry.objects.get(key=industry),
                expertise=expertise,
                email=email,
                source="staff",
                tags=["sample"],
                is_complete=True,
                staff_notes="Sample profile for demonstration.",
            ),
            actor=None,
        )
        set_consent(profile=profile, purpose=Consent.Purpose.PRIVACY_NOTICE, given=True, by=None)
        if shares:  # the same sample people also take the workstation's news (campaigns)
            for purpose in (Consent.Purpose.SHARE_WITH_LANZHOU, Consent.Purpose.WORKSTATION_NEWS):
                set_consent(profile=profile, purpose=purpose, given=True, by=None)
        created += 1
    return created
