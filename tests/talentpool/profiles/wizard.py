"""The talent's profile wizard: what each step asks and where it is."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from workstation.reference.models import Industry, Region


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def step_data(step: int, **changes) -> dict:
    data = {
        1: {
            "name_zh": "王伟",
            "name_en": "Wei Wang",
            "native_region": region("620102").pk,
            "current_city": "San Jose",
            "current_state": "California",
        },
        2: {
            "employer": "NVIDIA",
            "title": "Research scientist",
            "industry": Industry.objects.get(key="artificial_intelligence").pk,
            "expertise": "machine learning, GPUs",
            "degree": "doctorate",
            "school": "Stanford University",
            "graduation_year": "2015",
        },
        3: {
            "email": "wei.wang@example.org",
            "phone": "+1 650 253 0000",
            "wechat_id": "wangwei_sv",
            "linkedin_url": "https://www.linkedin.com/in/wei-wang",
            "preferred_language": "zh-hans",
            "interests": ["part_time", "invest"],
        },
    }[step]
    data.update(changes)
    return data


def step_url(step: int, language: str = "en") -> str:
    with translation.override(language):
        return reverse("talentpool:profile_step", kwargs={"step": step})
