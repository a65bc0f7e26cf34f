"""Sample projects and Lanzhou demands for the demo data of `make run` (marked as samples)."""

from __future__ import annotations

from projects.demands.models import Demand
from projects.demands.services import save_demand
from projects.pipeline.models import Project, Stage
from projects.pipeline.services import Criterion, create_project, move_project
from workstation.reference.models import Industry, Organization

SAMPLE = "Sample"

# (English title, Chinese title, company, industry key, landing mode, stages to move through)
DEMO_PROJECTS = [
    (
        "Sample: solid-state lithium battery pilot line",
        "示例：固态锂电池中试线",
        "Example Cells Inc.",
        "new_energy",
        "factory",
        [Stage.CONTACTED, Stage.QUALIFIED],
    ),
    (
        "Sample: AI inspection for chemical plants",
        "示例：化工园区人工智能巡检",
        "Example Vision Inc.",
        "artificial_intelligence",
        "rd_centre",
        [Stage.CONTACTED],
    ),
    (
        "Sample: rapid diagnostics for hospitals",
        "示例：医院快速诊断试剂",
        "Example Diagnostics",
        "biomedicine",
        "joint_venture",
        [],
    ),
    (
        "Sample: graphene coatings",
        "示例：石墨烯涂层",
        "Example Materials",
        "new_materials",
        "licensing",
        [Stage.CONTACTED, Stage.QUALIFIED, Stage.DOSSIER_COMPLETE],
    ),
]


def load_demo_projects() -> int:
    if Project.objects.filter(title_en__startswith=SAMPLE).exists():
        return 0
    all_criteria = [key for key, _label in Criterion.choices]
    for title_en, title_zh, company, industry, mode, stages in DEMO_PROJECTS:
        project = create_project(
            project=Project(
                title=title_en,
                title_en=title_en,
                title_zh_hans=title_zh,
                company=company,
                summary_en="Sample project for demonstration.",
                summary_zh_hans="演示用示例项目。",
                contact_name="Sample Contact",
                contact_email="contact@example.com",
                industry=Industry.objects.get(key=industry),
                landing_mode=mode,
                expo_year=2027,
            ),
            actor=None,
        )
        for stage in stages:
            move_project(project=project, to_stage=stage, by=None, criteria=all_criteria)
    organization, _created = Organization.objects.get_or_create(
        name_en="Sample Lanzhou New Area enterprise",
        defaults={
            "name": "Sample Lanzhou New Area enterprise",
            "kind": "lanzhou_enterprise",
            "name_zh_hans": "示例：兰州新区某企业",
        },
    )
    save_demand(
        demand=Demand(
            organization=organization,
            kind=Demand.Kind.TECHNOLOGY,
            title="示例：锂电池正极材料技术需求",
            title_zh_hans="示例：锂电池正极材料技术需求",
            description_zh_hans="希望引进锂电池正极材料及固态电池相关技术。",
            industry=Industry.objects.get(key="new_energy"),
        ),
        actor=None,
    )
    return len(DEMO_PROJECTS)
