"""Time, peak memory, size and page count of the monthly briefing's bilingual PDF edition.

    .venv/bin/python bench/briefing_pdf.py [--processes 3] [--repeat 5] [--items-per-section 4]
                                           [--refill] [--output PATH]

Uses a database of its own, ``bench_briefing``, on the PostgreSQL server of ``DATABASE_URL`` (or on
the embedded server when it is unset), created and migrated on first use. It holds one draft
briefing (March 2026) whose written sections have ``--items-per-section`` items each (of six
written here, in Chinese and English), and a small talent pool and pipeline whose changes fall in
that month, so the compiled sections have rows. With four items a section the bilingual PDF has
about ten pages (six give about fourteen). The content is fixed in this file; it is written again
when it or the option changed (or with ``--refill``), else kept between runs.

Each of ``--processes`` fresh Python processes renders the edition ``--repeat`` times as the
worker does (``briefing_document`` then ``render_pdf``, in Chinese for the bilingual edition): the
first rendering is the cold one (WeasyPrint imported, fonts found, templates loaded), the others
are warm. The peak RSS of each process is read after its renderings (and before the first one,
Django and the portal's code loaded) from ``VmHWM`` in ``/proc/self/status``: on Linux a child
started by ``subprocess`` inherits its parent's ``ru_maxrss`` through exec, so that figure would
show this script's own peak (``ru_maxrss`` is used where there is no ``/proc``).

Prints cold and warm times (and the rendering process's CPU time, which the load of a shared
machine inflates less than the wall time), peak RSS, the PDF's size and page count, the fonts it
embeds, and PASS/FAIL against the targets for a bilingual briefing of about ten pages: cold < 2 s
(the worst process), warm < 1 s (the median), peak RSS of the rendering process < 250 MB, size
< 0.5 MB, and no second CJK face beside the Chinese one (e.g. Noto Sans CJK JP beside SC); exits 1
on FAIL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_database_url, setup_django  # noqa: E402

DATABASE = "bench_briefing"
YEAR, MONTH = 2026, 3
SEED = 20263
TARGET_COLD_SECONDS = 2.0
TARGET_WARM_SECONDS = 1.0
TARGET_RSS_MB = 250
TARGET_BYTES = 1024 * 1024 // 2
ITEMS_PER_SECTION = 4  # of the six written for each section: about ten pages in all
EXPECTED_PAGES = (8, 12)  # "about ten pages": the content is meant to land in this range
PACIFIC = ZoneInfo("America/Los_Angeles")

# (section, day of the month, Chinese headline, English headline, Chinese summary, English summary)
# Invented news written like the workstation's items; no real company is named.
ITEMS = [
    (
        "us_innovation",
        3,
        "弗里蒙特固态电池企业启动车规级电芯中试线",
        "Fremont solid-state battery startup begins building an automotive pilot line",
        "一家研发硫化物固态电解质的弗里蒙特初创企业宣布开始建设中试线，计划年内生产可用于车规认证的"
        "样品电芯。该公司称，其电芯在第三方测试中循环800次后容量保持率仍在80%以上。\n\n"
        "兰州新区已形成锂电材料产业基础，可为其在国内扩大生产提供落地选择，建议列入重点联系名单。",
        "A Fremont startup developing sulfide solid electrolytes has begun building a pilot line "
        "and plans to ship sample cells for automotive qualification this year. The company says "
        "its cells kept more than 80 % of their capacity after 800 cycles in third-party tests.\n\n"
        "Lanzhou New Area already hosts lithium materials suppliers and could offer a place to "
        "scale production in China; we suggest adding the company to the contact list.",
    ),
    (
        "us_innovation",
        6,
        "斯坦福团队推出低功耗存内计算推理芯片",
        "Stanford spin-out unveils a low-power in-memory computing chip for edge inference",
        "斯坦福大学一个研究团队孵化的企业发布了基于模拟存内计算的推理芯片，称在图像识别任务上的能效"
        "比同类数字芯片高出一个数量级。首批样片面向工业视觉和电力巡检设备，团队正在寻找制造和应用"
        "场景合作方。",
        "A company spun out of a Stanford research group released an inference chip based on "
        "analogue in-memory computing and claims ten times the energy efficiency of comparable "
        "digital chips on image recognition. The first samples target industrial vision and "
        "power-line inspection devices, and the team is looking for manufacturing and pilot "
        "partners.",
    ),
    (
        "us_innovation",
        11,
        "湾区生物技术公司公布肝脏靶向递送平台一期数据",
        "Bay Area biotech reports phase 1 data for its liver-targeted delivery platform",
        "南旧金山一家生物技术公司公布了其脂质纳米颗粒递送平台的一期临床数据，20名受试者未出现严重"
        "不良反应，目标蛋白水平平均下降约六成。公司表示将在明年启动二期试验，并考虑在亚洲寻找合作"
        "生产伙伴。",
        "A South San Francisco biotech published phase 1 results for its lipid nanoparticle "
        "delivery platform: none of the 20 participants had a serious adverse event, and the "
        "target protein fell by about 60 % on average. The company plans a phase 2 trial next year "
        "and is considering contract manufacturing partners in Asia.",
    ),
    (
        "us_innovation",
        14,
        "伯克利实验室开放新材料发现数据集",
        "Berkeley laboratory opens a large dataset for machine-learning materials discovery",
        "伯克利一家国家实验室开放了包含数十万种无机化合物计算性质的数据集，并附带训练好的预测模型，"
        "可用于筛选电池正极、催化剂和耐高温涂层材料。数据集采用开放许可，国内高校和企业均可使用。",
        "A national laboratory in Berkeley released a dataset of computed properties for several "
        "hundred thousand inorganic compounds, together with trained prediction models, to screen "
        "candidates for battery cathodes, catalysts and heat-resistant coatings. The data are "
        "under "
        "an open licence that universities and companies in China can use as well.",
    ),
    (
        "us_innovation",
        19,
        "森尼韦尔初创企业降低电解水制氢膜电极成本",
        "Sunnyvale startup cuts the cost of membrane electrodes for water electrolysis",
        "一家森尼韦尔初创企业发布新型膜电极，贵金属铱用量降至现有产品的十分之一，电解槽效率基本不变。"
        "企业正在与加州两座光伏电站开展示范。甘肃风光资源丰富，绿氢项目对低成本电解槽需求明确。",
        "A Sunnyvale startup presented a membrane electrode that needs a tenth of the iridium of "
        "current products at almost the same electrolyser efficiency. It is running pilots at two "
        "solar farms in California. Gansu's wind and solar resources make cheaper electrolysers "
        "directly relevant to its green hydrogen projects.",
    ),
    (
        "us_innovation",
        24,
        "萨利纳斯谷农业科技企业推广土壤墒情传感网络",
        "Salinas Valley agritech company expands its soil moisture sensor network",
        "萨利纳斯谷一家农业科技企业的无线土壤墒情传感网络已覆盖超过两万英亩农田，配合灌溉决策软件，"
        "用户平均节水约两成。其产品适用于干旱半干旱地区，与甘肃旱作农业和戈壁农业需求契合。",
        "An agritech company in the Salinas Valley now runs its wireless soil moisture sensors on "
        "more than 20,000 acres; with its irrigation software, growers save about a fifth of their "
        "water on average. The product is designed for dry regions and fits Gansu's dryland and "
        "desert farming.",
    ),
    (
        "venture_capital",
        2,
        "湾区人工智能融资继续向大额轮次集中",
        "Bay Area AI funding keeps concentrating in very large rounds",
        "据多家数据机构统计，本月湾区人工智能领域融资总额环比上升，但近七成资金流向单笔超过一亿美元"
        "的轮次。早期项目估值分化明显，投资人更关注真实收入和算力成本控制。",
        "Data providers count a month-on-month rise in AI funding in the Bay Area, but nearly 70 % "
        "of the money went to rounds above 100 million dollars. Early-stage valuations diverge "
        "widely, and investors ask for real revenue and control of compute costs.",
    ),
    (
        "venture_capital",
        5,
        "气候科技种子基金扩大对工业脱碳项目的投资",
        "Climate tech seed funds widen their bets on industrial decarbonisation",
        "多家专注气候科技的种子基金宣布新一期基金募集完成，投资重点从消费类产品转向钢铁、水泥和化工"
        "等工业脱碳技术。基金管理人表示，具备海外示范场景的项目更受青睐。",
        "Several climate-focused seed funds closed new funds and are moving from consumer products "
        "to decarbonising steel, cement and chemicals. Their managers say that projects with a "
        "demonstration site abroad are easier to back.",
    ),
    (
        "venture_capital",
        9,
        "生物医药投资转向按里程碑分期拨付",
        "Biotech investors turn to milestone-based tranches",
        "本月湾区生物医药领域融资笔数与上月持平，但分期拨付条款明显增多，后续资金与临床进展挂钩。"
        "部分初创企业开始寻求海外授权合作，以延长现金跑道。",
        "The number of biotech rounds in the Bay Area was unchanged from last month, but more of "
        "them are paid in tranches tied to clinical milestones. Some startups are looking for "
        "licensing deals abroad to extend their runway.",
    ),
    (
        "venture_capital",
        13,
        "半导体初创企业融资中产业资本占比上升",
        "Corporate investors take a larger share of semiconductor startup rounds",
        "本月公布的十余笔半导体初创企业融资中，超过一半有产业资本参与，主要集中在先进封装、光互连和"
        "专用加速芯片领域。产业资本更看重与自身产品线的协同。",
        "More than half of the dozen semiconductor startup rounds announced this month had a "
        "corporate investor, mostly in advanced packaging, optical interconnects and dedicated "
        "accelerators. Corporate investors look above all for a fit with their own products.",
    ),
    (
        "venture_capital",
        20,
        "二级份额交易活跃，部分企业接受估值下调",
        "Secondary sales pick up as some companies accept lower valuations",
        "随着上市窗口仍未完全打开，员工和早期投资人通过二级市场转让股份的交易增加。部分成立五年以上"
        "的企业以低于上一轮的估值完成融资，为后续合作谈判提供了更现实的价格基础。",
        "With the listing window still only half open, more employees and early investors sell "
        "shares on secondary markets. Some companies older than five years raised money below "
        "their last valuation, which gives later partnership talks more realistic prices.",
    ),
    (
        "venture_capital",
        26,
        "华人工程师天使网络加大硬科技投资",
        "Angel networks of Chinese engineers back more hardware startups",
        "湾区几个由华人工程师组成的天使投资网络本月举办路演活动，参与项目以储能、传感器和工业软件为"
        "主。组织者表示，部分项目有意在国内寻找制造基地和首批客户。",
        "Angel networks run by Chinese engineers in the Bay Area held pitch events this month, "
        "mostly for energy storage, sensor and industrial software startups. The organisers say "
        "several of the projects would like a manufacturing base and first customers in China.",
    ),
    (
        "startup_trends",
        4,
        "智能体软件初创企业普遍改用按量计费",
        "AI agent startups move to usage-based pricing",
        "面向企业的智能体软件初创企业越来越多地按任务量而非席位收费，以应对模型调用成本波动。分析人士"
        "认为，这一变化有利于中小企业以较低门槛试用。",
        "Startups selling AI agents to companies increasingly charge per task instead of per seat, "
        "to cope with fluctuating model costs. Analysts expect this to make trials cheaper for "
        "small and medium-sized firms.",
    ),
    (
        "startup_trends",
        8,
        "硬件初创企业将中试环节外移",
        "Hardware startups move pilot production to partner regions",
        "受湾区厂房和人工成本上升影响，多家硬件初创企业选择在外地合作园区建设中试线，只保留研发团队在"
        "湾区。这为兰州等具备产业园区和要素成本优势的地区提供了承接机会。",
        "Rising rents and wages in the Bay Area lead several hardware startups to build pilot "
        "lines "
        "in partner parks elsewhere and keep only research in the Bay Area. Regions with "
        "industrial "
        "parks and lower costs, Lanzhou among them, have a chance to host them.",
    ),
    (
        "startup_trends",
        12,
        "兰州大学湾区校友会举办创业分享会",
        "Lanzhou University alumni in the Bay Area hold a founders' evening",
        "兰州大学北加州校友会本月在圣何塞举办创业分享会，约六十名校友参加，涉及新材料、医疗器械和"
        "数据服务等领域。工作站介绍了兰州人才政策和科博会报名安排，现场收集到五个项目意向。",
        "The Northern California alumni association of Lanzhou University held a founders' evening "
        "in San Jose with about sixty alumni working in new materials, medical devices and data "
        "services. The workstation presented Lanzhou's talent policies and the Expo registration, "
        "and collected five project leads.",
    ),
    (
        "startup_trends",
        17,
        "旧金山初创企业回归线下办公",
        "San Francisco startups bring their teams back to the office",
        "调查显示，旧金山员工少于百人的初创企业中，约四成已要求员工每周至少三天到岗，理由是加快产品"
        "迭代和新员工培养。办公空置率随之略有下降。",
        "A survey finds that about 40 % of San Francisco startups with fewer than a hundred staff "
        "now ask their teams to come in at least three days a week, to ship faster and train new "
        "hires. Office vacancy has fallen slightly as a result.",
    ),
    (
        "startup_trends",
        21,
        "仓储机器人企业转向租赁模式",
        "Warehouse robotics startups switch to leasing",
        "多家仓储机器人初创企业推出按月租赁方案，客户无需一次性采购设备即可上线分拣和搬运机器人。"
        "该模式降低了中型物流企业的使用门槛，也适合国内西部物流枢纽试点。",
        "Several warehouse robotics startups now lease their sorting and carrying robots by the "
        "month, so customers need not buy the machines up front. This lowers the threshold for "
        "mid-sized logistics firms and would suit a pilot at a logistics hub in western China.",
    ),
    (
        "startup_trends",
        27,
        "动力电池回收初创企业加快布局",
        "Battery recycling startups expand quickly",
        "随着首批电动汽车电池进入退役期，湾区多家电池回收初创企业扩大湿法冶金产能，并与车企签订长期"
        "回收协议。金昌等地的有色金属冶炼基础可与此类技术形成互补。",
        "As the first electric vehicle batteries reach the end of their life, several Bay Area "
        "recycling startups expand their hydrometallurgy capacity and sign long-term take-back "
        "agreements with carmakers. The non-ferrous smelting base of Jinchang and nearby cities "
        "complements such technology.",
    ),
    (
        "policy_watch",
        3,
        "国会讨论恢复研发费用当年全额扣除",
        "Congress debates restoring immediate expensing of research costs",
        "国会两院本月继续讨论恢复企业国内研发费用当年全额扣除的税收规定。如获通过，初创企业的应税"
        "收入将明显下降，有助于其保留更多现金用于研发。",
        "Both chambers of Congress continued to discuss restoring the immediate deduction of "
        "domestic research costs. If passed, startups would owe markedly less tax and keep more "
        "cash for research.",
    ),
    (
        "policy_watch",
        7,
        "美国商务部更新先进计算出口管制规则",
        "Commerce Department updates export controls on advanced computing",
        "美国商务部本月发布出口管制规则更新，调整了部分先进计算芯片和相关制造设备的许可要求。涉及"
        "人工智能算力和芯片制造的合作项目，应在接洽初期进行合规评估。",
        "The Commerce Department updated its export control rules and changed licence requirements "
        "for some advanced computing chips and manufacturing equipment. Projects involving AI "
        "computing or chip manufacturing should get a compliance check early in the talks.",
    ),
    (
        "policy_watch",
        10,
        "加州议会审议人工智能安全相关法案",
        "California legislature considers AI safety bills",
        "加州议会本月就多项人工智能安全法案举行听证，内容涉及大型模型开发者的安全测试义务和事故报告"
        "制度。业界对合规成本看法不一，法案最终文本仍有变数。",
        "The California legislature held hearings on several AI safety bills that would oblige "
        "developers of large models to run safety tests and report incidents. The industry is "
        "divided on the cost of compliance, and the final texts may still change.",
    ),
    (
        "policy_watch",
        16,
        "H-1B抽签结果公布，申请数量继续下降",
        "H-1B lottery results published as registrations keep falling",
        "本财年H-1B工作签证抽签结果公布，有效注册数量较上年继续下降。部分持临时签证的华人科技人才开始"
        "考虑回国发展，工作站将加强对相关人才的联络服务。",
        "This year's H-1B lottery results were published, and valid registrations fell again. Some "
        "Chinese engineers on temporary visas are considering a move back to China; the "
        "workstation will reach out to them more actively.",
    ),
    (
        "policy_watch",
        23,
        "美国对外投资审查规则进入实施阶段",
        "US outbound investment rules take effect",
        "美国财政部对外投资审查规则开始实施，美国人对中国半导体、量子信息和部分人工智能领域的投资需"
        "申报或受到限制。工作站在对接投资类项目时需提前核实投资方身份和业务范围。",
        "The Treasury's outbound investment rules took effect: investments by US persons in "
        "Chinese "
        "semiconductor, quantum and some AI businesses must be notified or are prohibited. When "
        "brokering investment projects, the workstation has to check who the investors are and "
        "what the business does.",
    ),
    (
        "policy_watch",
        28,
        "兰州新区发布海外高层次人才创业支持措施",
        "Lanzhou New Area announces support for overseas founders",
        "兰州新区本月发布支持海外高层次人才来区创业的若干措施，包括最高三年的场地租金减免、首台套产品"
        "采购支持和人才公寓保障。工作站已将相关内容翻译为英文并发送给重点联系人。",
        "Lanzhou New Area published measures for overseas founders who start a company there, "
        "including up to three years of free premises, purchasing support for first-of-a-kind "
        "products and housing for talent. The workstation translated them into English and sent "
        "them to its key contacts.",
    ),
]

# The talent pool: (native place code, how many people). Codes of Lanzhou's districts count under
# the prefecture Lanzhou; 610000 (Shaanxi) is outside Gansu.
PLACES = [
    ("620102", 9),
    ("620103", 5),
    ("620104", 3),
    ("620105", 4),
    ("lanzhou-new-area", 3),
    ("620500", 5),
    ("620900", 4),
    ("620400", 3),
    ("620300", 3),
    ("620600", 3),
    ("621100", 2),
    ("622900", 1),
    ("610000", 4),
]
INDUSTRIES = [
    "artificial_intelligence",
    "new_energy",
    "biomedicine",
    "integrated_circuits",
    "new_materials",
    "big_data_computing",
    "digital_economy",
    "electronic_information",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "杰",
    "涛",
    "明",
    "超",
    "晓东",
    "建国",
    "海燕",
    "志强",
    "丽娟",
    "宇航",
    "佳怡",
    "子涵",
    "文博",
    "雪梅",
    "俊杰",
    "思远",
]
EMPLOYERS = [
    "Example Robotics",
    "Example Bio",
    "Example Semiconductor",
    "Example Energy",
    "Example Cloud",
    "Example Materials",
    "Stanford University",
    "UC Berkeley",
]

# (English title, Chinese title, company, industry, created in the month, stages moved through)
PROJECTS = [
    (
        "Solid-state battery pilot line",
        "固态电池中试线",
        "Example Cells Inc.",
        "new_energy",
        True,
        ["contacted", "qualified"],
    ),
    (
        "In-memory computing chip for industrial vision",
        "面向工业视觉的存内计算芯片",
        "Example Analog AI",
        "integrated_circuits",
        True,
        ["contacted"],
    ),
    (
        "Liver-targeted drug delivery platform",
        "肝脏靶向药物递送平台",
        "Example Therapeutics",
        "biomedicine",
        False,
        ["qualified", "dossier_complete"],
    ),
    (
        "Low-iridium electrolyser membranes",
        "低铱电解水制氢膜电极",
        "Example Hydrogen",
        "new_energy",
        False,
        ["dossier_complete", "matched"],
    ),
    (
        "Soil moisture sensor network",
        "土壤墒情传感网络",
        "Example Agritech",
        "modern_agriculture",
        True,
        ["contacted", "qualified", "dossier_complete"],
    ),
    (
        "Battery recycling by hydrometallurgy",
        "湿法冶金电池回收",
        "Example Recycling",
        "new_materials",
        False,
        ["matched", "in_talks"],
    ),
    (
        "Warehouse robots on lease",
        "租赁式仓储机器人",
        "Example Logistics Robots",
        "equipment_manufacturing",
        False,
        ["in_talks", "intent_agreed"],
    ),
    (
        "Graphene anti-corrosion coatings",
        "石墨烯防腐涂层",
        "Example Graphene",
        "new_materials",
        False,
        ["intent_agreed", "expo_confirmed"],
    ),
    (
        "Industrial knowledge assistant",
        "工业知识问答助手",
        "Example Agents",
        "artificial_intelligence",
        True,
        ["contacted"],
    ),
    (
        "Rapid point-of-care diagnostics",
        "床旁快速诊断试剂",
        "Example Diagnostics",
        "biomedicine",
        False,
        ["on_hold"],
    ),
]
# (Chinese title, English title, industry, projects confirmed as matches by index)
DEMANDS = [
    (
        "锂电池正极材料及固态电池技术",
        "Cathode materials and solid-state battery technology",
        "new_energy",
        [0, 3],
    ),
    (
        "化工园区智能巡检",
        "Intelligent inspection for chemical parks",
        "artificial_intelligence",
        [1, 8],
    ),
    ("戈壁农业节水灌溉", "Water-saving irrigation for desert farming", "modern_agriculture", [4]),
    ("有色金属冶炼废料综合利用", "Reuse of non-ferrous smelting waste", "new_materials", [5, 7]),
]


def fingerprint(items_per_section: int) -> str:
    content = repr(
        (YEAR, MONTH, SEED, items_per_section, ITEMS, PLACES, INDUSTRIES, PROJECTS, DEMANDS)
    )
    return "bench fill " + hashlib.sha256(content.encode()).hexdigest()[:16]


def in_month(day: int, hour: int = 10) -> datetime:
    return datetime(YEAR, MONTH, day, hour, tzinfo=PACIFIC)


def fill(items_per_section: int) -> None:
    """Replace the benchmark database's briefing, pool and pipeline by the content above."""
    from django.db import connection, transaction
    from pypinyin import lazy_pinyin

    from projects.demands.models import Demand
    from projects.demands.services import save_demand
    from projects.matching.models import Match
    from projects.matching.services import Decision, decide_match
    from projects.pipeline.models import Project, StageChange
    from projects.pipeline.services import (
        Criterion,
        create_project,
        move_project,
        workstation_today,
    )
    from reports.briefings.models import HistoryEntry, MonthlyBriefing
    from talentpool.profiles.models import TalentProfile, Verification
    from talentpool.profiles.services import save_profile
    from workstation.audit.models import AuditEntry
    from workstation.reference.models import Industry, Organization, Region
    from workstation.reminders.models import Reminder

    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data
    tables = [
        model._meta.db_table
        for model in (
            MonthlyBriefing,
            TalentProfile,
            Project,
            Demand,
            AuditEntry,
            Reminder,
        )
    ]
    industries = {industry.key: industry for industry in Industry.objects.all()}
    month_start = in_month(1, 0)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")

        number = 0
        for code, count in PLACES:
            region = Region.objects.get(code=code)
            for _ in range(count):
                surname, given = SURNAMES[number % len(SURNAMES)], GIVEN[(number * 7) % len(GIVEN)]
                name_en = f"{''.join(lazy_pinyin(given)).capitalize()} {lazy_pinyin(surname)[0]}"
                profile = save_profile(
                    profile=TalentProfile(
                        name_zh=surname + given,
                        name_en=name_en.title(),
                        native_region=region,
                        current_city=rng.choice(["San Jose", "Palo Alto", "Fremont"]),
                        current_state="CA",
                        employer=rng.choice(EMPLOYERS),
                        title="Engineer",
                        industry=industries[INDUSTRIES[number % len(INDUSTRIES)]],
                        expertise="batteries, machine learning",
                        source="staff",
                        email=f"bench-briefing-{number}@example.com",
                        is_complete=True,
                    ),
                    actor=None,
                )
                new = number % 3 == 0  # a third registered in the month, the rest before
                created = (
                    in_month(1 + number % 28)
                    if new
                    else month_start - timedelta(days=1 + (number * 37) % 1000)
                )
                verified = number % 4 == 0
                TalentProfile.objects.filter(pk=profile.pk).update(
                    created_at=created,
                    verification=Verification.VERIFIED if verified else Verification.UNVERIFIED,
                    verified_at=in_month(2 + number % 26) if verified else None,
                )
                number += 1

        criteria = [key for key, _label in Criterion.choices]
        revisit = workstation_today() + timedelta(days=90)  # on hold: a date in the future
        projects = []
        for index, (title_en, title_zh, company, industry, new, stages) in enumerate(PROJECTS):
            project = create_project(
                project=Project(
                    title=title_en,
                    title_en=title_en,
                    title_zh_hans=title_zh,
                    company=company,
                    summary_en=f"{title_en}, looking for a partner in Lanzhou.",
                    summary_zh_hans=f"{title_zh}，寻求兰州合作伙伴。",
                    contact_name="Alex Chen",
                    contact_email=f"founder{index}@example.com",
                    industry=industries[industry],
                    landing_mode="rd_centre",
                    expo_year=YEAR,
                ),
                actor=None,
            )
            for stage in stages:
                move_project(
                    project=project,
                    to_stage=stage,
                    by=None,
                    criteria=criteria,
                    on_date=revisit if stage == "on_hold" else None,
                )
            changes = list(project.stage_changes.order_by("changed_at", "pk"))
            if not new:  # created earlier: only its moves fall in the month
                StageChange.objects.filter(pk=changes[0].pk).update(
                    changed_at=month_start - timedelta(days=40 + index)
                )
                changes = changes[1:]
            for step, change in enumerate(changes):
                StageChange.objects.filter(pk=change.pk).update(
                    changed_at=in_month(2 + index * 2 + step * 3)
                )
            projects.append(project)

        organization, _created = Organization.objects.get_or_create(
            name_en="Example Lanzhou New Area enterprise",
            defaults={
                "name": "Example Lanzhou New Area enterprise",
                "name_zh_hans": "兰州新区示例企业",
                "kind": "lanzhou_enterprise",
            },
        )
        for index, (title_zh, title_en, industry, matched) in enumerate(DEMANDS):
            demand = save_demand(
                demand=Demand(
                    organization=organization,
                    kind=Demand.Kind.TECHNOLOGY,
                    title=title_zh,
                    title_zh_hans=title_zh,
                    title_en=title_en,
                    industry=industries[industry],
                    description_zh_hans=f"希望引进{title_zh}相关技术。",
                    description_en=f"Looking for {title_en.lower()}.",
                ),
                actor=None,
            )
            for position, project_index in enumerate(matched):
                match = decide_match(
                    project=projects[project_index],
                    demand=demand,
                    decision=Decision.CONFIRM,
                    actor=None,
                )
                Match.objects.filter(pk=match.pk).update(
                    decided_at=in_month(5 + index * 5 + position * 2)
                )

        briefing = MonthlyBriefing.objects.create(year=YEAR, month=MONTH)
        HistoryEntry.objects.create(
            briefing=briefing,
            action=HistoryEntry.Action.OPENED,
            note=fingerprint(items_per_section),
        )
        add_items(briefing, items_per_section)


def add_items(briefing, items_per_section: int) -> None:
    """The first ``items_per_section`` of ``ITEMS`` in each written section, dated in the
    briefing's month, both languages written on the item's day."""
    from reports.briefings.models import BriefingItem

    positions: dict[str, int] = {}
    for section, day, headline_zh, headline_en, summary_zh, summary_en in ITEMS:
        positions[section] = positions.get(section, 0) + 1
        if positions[section] > items_per_section:
            continue
        edited = datetime(briefing.year, briefing.month, day, 16, tzinfo=PACIFIC)
        BriefingItem.objects.create(
            briefing=briefing,
            section=section,
            position=positions[section],
            headline_zh_hans=headline_zh,
            headline_en=headline_en,
            summary_zh_hans=summary_zh,
            summary_en=summary_en,
            source_url=f"https://example.com/news/{briefing.year}/{briefing.month:02d}/{day:02d}",
            item_date=date(briefing.year, briefing.month, day),
            edited_zh_hans=edited,
            edited_en=edited,
        )


def prepare(refill: bool, items_per_section: int) -> tuple[str, bool]:
    """The benchmark database's URL, with its content written if missing, changed or asked for."""
    url = bench_database_url(DATABASE)
    setup_django(url)
    from reports.briefings.models import HistoryEntry
    from workstation.pdf import pdf_unavailable_reason

    reason = pdf_unavailable_reason()
    if reason:
        raise SystemExit(reason)
    current = HistoryEntry.objects.filter(
        briefing__year=YEAR, briefing__month=MONTH, note=fingerprint(items_per_section)
    ).exists()
    if refill or not current:
        fill(items_per_section)
    return url, refill or not current


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB (see the module's docstring)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


CHINESE_FACE = "Noto-Sans-CJK-SC"  # the face officials see; JP, KR or TC beside it is a stowaway


def embedded_fonts(reader) -> dict[str, int]:
    """Name and size (bytes of its font program, uncompressed) of each font the PDF's pages use."""
    fonts: dict[str, int] = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            files = [
                descriptor[key].get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3")
                if key in descriptor
            ]
            size = len(files[0].get_data()) if files else 0
            fonts[str(font.get("/BaseFont")).lstrip("/")] = size
    return dict(sorted(fonts.items()))


def child(repeat: int, output: str) -> None:
    """One fresh process: render ``repeat`` times, print the figures as JSON."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workstation.settings")
    import django

    django.setup()
    from reports.briefings.document import briefing_document
    from reports.briefings.models import MonthlyBriefing
    from workstation.pdf import render_pdf
    from workstation.translated import BILINGUAL, render_language

    rss_before = peak_rss_kb()
    runs, content = [], b""
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        briefing = MonthlyBriefing.objects.get(year=YEAR, month=MONTH)
        context = briefing_document(briefing=briefing, language=BILINGUAL)
        documented = time.perf_counter()
        content = render_pdf(
            template="reports/pdf/briefing.html",
            context=context,
            language=render_language(BILINGUAL),
        )
        runs.append(
            (
                documented - started,
                time.perf_counter() - documented,
                len(content),
                time.process_time() - cpu_started,
            )
        )
    rss_after = peak_rss_kb()
    Path(output).write_bytes(content)
    print(json.dumps({"runs": runs, "rss_before_kb": rss_before, "rss_peak_kb": rss_after}))


def measure(url: str, repeat: int, output: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "workstation.settings",
        "DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat), "--output", str(output)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"The rendering process failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=3, help="fresh processes (cold runs)")
    parser.add_argument("--repeat", type=int, default=5, help="renderings in each process")
    parser.add_argument(
        "--items-per-section",
        type=int,
        choices=range(1, 7),
        default=ITEMS_PER_SECTION,
        metavar="1-6",
        help=f"items in each written section (default {ITEMS_PER_SECTION})",
    )
    parser.add_argument("--refill", action="store_true", help="write the content again")
    parser.add_argument("--output", help="keep the PDF at this path")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.repeat, args.output)
        return
    if args.repeat < 2:
        parser.error("--repeat must be at least 2 (one cold rendering, then warm ones)")

    server = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    started = time.perf_counter()
    url, filled = prepare(args.refill, args.items_per_section)
    from reports.briefings.models import MonthlyBriefing

    briefing = MonthlyBriefing.objects.get(year=YEAR, month=MONTH)
    how = (
        f"written in {time.perf_counter() - started:.1f} s"
        if filled
        else "kept from an earlier run (--refill to write it again)"
    )
    print(
        f"Database {DATABASE} ({server}): briefing {briefing}, {briefing.items.count()} items, "
        f"content {how}"
    )
    print(f"Load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"\nBilingual edition, {args.processes} fresh processes x {args.repeat} renderings")
    print(
        f"  {'process':<8} {'cold s':>7} {'(doc':>6} {'+ pdf)':>7} {'warm s':>7} "
        f"{'RSS before MB':>14} {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as directory:
        pdf_path = Path(args.output).resolve() if args.output else Path(directory, "briefing.pdf")
        results = [measure(url, args.repeat, pdf_path) for _ in range(args.processes)]
        content = pdf_path.read_bytes()
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    pages = len(reader.pages)
    fonts = embedded_fonts(reader)
    colds, warms, peaks, cold_cpus, warm_cpus = [], [], [], [], []
    for number, result in enumerate(results, start=1):
        runs = result["runs"]
        document, render, _size, cold_cpu = runs[0]
        cold = document + render
        warm = [doc + pdf for doc, pdf, _size, _cpu in runs[1:]]
        colds.append(cold)
        warms += warm
        cold_cpus.append(cold_cpu)
        warm_cpus += [cpu for _doc, _pdf, _size, cpu in runs[1:]]
        peaks.append(result["rss_peak_kb"] / 1024)
        print(
            f"  {number:<8} {cold:7.2f} {document:6.2f} {render:7.2f} "
            f"{statistics.median(warm):7.2f} {result['rss_before_kb'] / 1024:14.0f} "
            f"{peaks[-1]:8.0f}"
        )
    sizes = {size for result in results for _doc, _pdf, size, _cpu in result["runs"]}
    cold_median, cold_worst = statistics.median(colds), max(colds)
    warm_median = statistics.median(warms)
    print(
        f"\nCold (first rendering in a fresh process): median {cold_median:.2f} s, "
        f"worst {cold_worst:.2f} s"
    )
    print(
        f"Warm (later renderings): median {warm_median:.2f} s, worst {max(warms):.2f} s "
        f"over {len(warms)}"
    )
    # On a machine shared with other work the wall times above grow with the load; the process's
    # own CPU time much less so: compare these between runs at different loads.
    print(
        f"CPU time of the rendering process: cold median {statistics.median(cold_cpus):.2f} s, "
        f"warm median {statistics.median(warm_cpus):.2f} s"
    )
    print(f"Peak RSS of the rendering process: {max(peaks):.0f} MB")
    print(
        f"PDF: {len(content):,} bytes ({len(content) / 1024 / 1024:.2f} MB), {pages} pages"
        + (f" (sizes varied: {sorted(sizes)})" if len(sizes) > 1 else "")
    )
    listed = (f"{name} ({size / 1024:.0f} KB uncompressed)" for name, size in fonts.items())
    print("Fonts: " + ", ".join(listed))
    # A font's name is its family and style after a subset tag (ABCDEF+Noto-Sans-CJK-SC-Bold).
    cjk_faces = sorted({name.split("+")[-1] for name in fonts if "CJK" in name})
    other_cjk = [name for name in cjk_faces if not name.startswith(CHINESE_FACE)]
    if args.output:
        print(f"Kept at {pdf_path}")
    if not EXPECTED_PAGES[0] <= pages <= EXPECTED_PAGES[1]:
        print(f"Note: the targets are for about ten pages; this briefing has {pages}.")

    checks = [
        (
            f"cold rendering < {TARGET_COLD_SECONDS:.0f} s",
            cold_worst < TARGET_COLD_SECONDS,
            f"worst {cold_worst:.2f} s",
        ),
        (
            f"warm rendering < {TARGET_WARM_SECONDS:.0f} s",
            warm_median < TARGET_WARM_SECONDS,
            f"median {warm_median:.2f} s",
        ),
        (
            f"peak RSS < {TARGET_RSS_MB} MB",
            max(peaks) < TARGET_RSS_MB,
            f"{max(peaks):.0f} MB",
        ),
        (
            f"size < {TARGET_BYTES / 1024 / 1024:.1f} MB",
            len(content) < TARGET_BYTES,
            f"{len(content) / 1024 / 1024:.2f} MB",
        ),
        (
            "no second CJK face",
            not other_cjk,
            ", ".join(cjk_faces) or "no Noto Sans CJK face",
        ),
    ]
    print()
    for label, ok, figure in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label} ({figure})")
    passed = all(ok for _label, ok, _figure in checks)
    print("PASS" if passed else "FAIL")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
