"""Server time of the staff talent search over 100,000 synthetic profiles.

    .venv/bin/python bench/talent_search.py [--profiles 100000] [--repeat 20] [--limit 25]
                                            [--rebuild] [--no-jit] [--database NAME]

Uses a database of its own, ``bench_talent`` (or ``--database``), on the PostgreSQL server of
``DATABASE_URL`` (or on the embedded server when it is unset), created and migrated on first use
and kept between runs: the profiles are generated once (again with ``--rebuild`` or when
``--profiles`` changes). Names follow realistic frequencies (王, 李, 张 about 7 % each ...), some
are stored in Traditional characters, English names are pinyin or Western given names, employers
come from ~200 Bay Area companies.

Each query of ``bench/talent_queries.txt`` runs ``--repeat`` times through ``search_profiles`` (the
function the directory calls) for a staff member and for an official; the time measured is the
function's, SQL included. Prints the 50th/95th percentile per query class and overall, and PASS/FAIL
against the targets for the 95th percentile of the first page: under 15 ms for staff, under 20 ms
for officials; exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("talent_queries.txt")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_database_url, setup_django  # noqa: E402

DATABASE = "bench_talent"
# p95 over every query of the list, first page (issue 16).
STAFF_TARGET_MS = 15
OFFICIAL_TARGET_MS = 20
BATCH = 5000
SEED = 20260

# Surname shares in per cent (mainland figures, rounded); the rest goes to a tail of rarer names.
SURNAMES = {
    "王": 7.1,
    "李": 7.0,
    "张": 6.9,
    "刘": 5.4,
    "陈": 4.5,
    "杨": 3.1,
    "赵": 2.3,
    "黄": 2.2,
    "周": 2.1,
    "吴": 2.0,
    "徐": 1.7,
    "孙": 1.5,
    "胡": 1.3,
    "朱": 1.3,
    "高": 1.2,
    "林": 1.2,
    "何": 1.2,
    "郭": 1.1,
    "马": 1.1,
    "罗": 0.9,
    "梁": 0.9,
    "宋": 0.8,
    "郑": 0.8,
    "谢": 0.7,
    "韩": 0.7,
    "唐": 0.7,
    "冯": 0.7,
    "于": 0.6,
    "董": 0.6,
    "萧": 0.6,
    "程": 0.6,
    "曹": 0.6,
    "袁": 0.5,
    "邓": 0.5,
    "许": 0.5,
    "傅": 0.5,
    "沈": 0.5,
    "曾": 0.5,
    "彭": 0.5,
    "吕": 0.5,
    "苏": 0.4,
    "卢": 0.4,
    "蒋": 0.4,
    "蔡": 0.4,
    "贾": 0.4,
    "丁": 0.4,
    "魏": 0.4,
    "薛": 0.4,
    "叶": 0.4,
    "阎": 0.3,
    "余": 0.3,
    "潘": 0.3,
    "杜": 0.3,
    "戴": 0.3,
    "夏": 0.3,
    "钟": 0.3,
    "汪": 0.3,
    "田": 0.3,
    "任": 0.3,
    "姜": 0.3,
    "范": 0.3,
    "方": 0.3,
    "石": 0.3,
    "姚": 0.3,
    "谭": 0.3,
    "廖": 0.3,
    "邹": 0.3,
    "熊": 0.2,
    "金": 0.2,
    "陆": 0.2,
    "郝": 0.2,
    "孔": 0.2,
    "白": 0.2,
    "崔": 0.2,
    "康": 0.2,
    "毛": 0.2,
    "邱": 0.2,
    "秦": 0.2,
    "江": 0.2,
    "史": 0.2,
    "顾": 0.2,
    "侯": 0.2,
    "邵": 0.2,
    "孟": 0.2,
    "龙": 0.2,
    "万": 0.2,
    "段": 0.2,
    "雷": 0.1,
    "钱": 0.1,
    "汤": 0.1,
    "尹": 0.1,
    "黎": 0.1,
    "易": 0.1,
    "常": 0.1,
    "武": 0.1,
    "乔": 0.1,
    "贺": 0.1,
    "赖": 0.1,
    "龚": 0.1,
    "文": 0.1,
    "欧阳": 0.05,
    "司马": 0.01,
    "诸葛": 0.01,
}
TAIL_SURNAMES = (
    "庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂丛焦向柳邢路岳齐沿梅莫庄辛管祝左涂谷祁时"
    "舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵"
)
GIVEN = (  # noqa: SIM905 - easier to read as text
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 英 华 建 国 文 志 海 小 晓 "
    "鹏 宇 浩 婷 雪 慧 颖 琳 佳 欣 云 飞 峰 辉 斌 波 亮 宁 红 玉 兰 燕 洁 晶 俊 帆 博 晨 阳 翔 "
    "凯 睿 琪 梅 嘉 子 雨 思 一 天 东 立 新 春 成 永 德 荣 光 林 鑫 丹 蕾 倩 璐 薇 旭 昊 然 轩 "
    "泽 龙 艺 珊 悦 诗 涵 怡 健 毅 鸣 岩 松 瑞 阳 楠 蓉 莉 萍 青 川 凡 哲 远 航 磊 宏 振 金"
).split()
WESTERN = (  # noqa: SIM905 - easier to read as text
    "David Michael Kevin Jason Eric Jennifer Jessica Linda Amy Grace Frank Peter "
    "Tony Jack Vincent Andrew Steven Daniel James John William Richard Thomas Henry "
    "Alex Brian Ryan Justin Allen Victor Emily Sarah Michelle Angela Helen Cindy "
    "Annie Lily Lucy Vivian Sophia Irene Crystal Joyce Wendy Jenny Kelly Tina "
    "Sharon Stella Leo Max Sam Ben Nathan Simon Albert Howard Charles"
).split()
EMPLOYERS = [
    "Google",
    "Apple",
    "Meta",
    "NVIDIA",
    "Intel",
    "Cisco",
    "Oracle",
    "Salesforce",
    "Adobe",
    "Tesla",
    "Netflix",
    "LinkedIn",
    "Microsoft",
    "Amazon",
    "Uber",
    "Lyft",
    "Airbnb",
    "Stripe",
    "PayPal",
    "eBay",
    "Intuit",
    "VMware",
    "Broadcom",
    "AMD",
    "Qualcomm",
    "Applied Materials",
    "Lam Research",
    "KLA",
    "Western Digital",
    "Seagate",
    "Micron",
    "Marvell",
    "Synopsys",
    "Cadence Design Systems",
    "ServiceNow",
    "Workday",
    "Palo Alto Networks",
    "Fortinet",
    "Juniper Networks",
    "Arista Networks",
    "NetApp",
    "Pure Storage",
    "Nutanix",
    "Snowflake",
    "Databricks",
    "OpenAI",
    "Anthropic",
    "Scale AI",
    "Pinterest",
    "Snap",
    "DoorDash",
    "Instacart",
    "Square",
    "Block",
    "Twitter",
    "Dropbox",
    "Box",
    "Zoom",
    "Slack",
    "Okta",
    "Splunk",
    "Cloudera",
    "Coursera",
    "Chegg",
    "Roblox",
    "Electronic Arts",
    "Zynga",
    "Yahoo",
    "HP",
    "HPE",
    "Dell",
    "Western Union",
    "Visa",
    "Wells Fargo",
    "Charles Schwab",
    "Gilead Sciences",
    "Genentech",
    "Amgen",
    "BioMarin",
    "Illumina",
    "10x Genomics",
    "Guardant Health",
    "Intuitive Surgical",
    "Stryker",
    "Abbott",
    "Medtronic",
    "Bio-Rad",
    "Exelixis",
    "Nektar Therapeutics",
    "Zymergen",
    "Ginkgo Bioworks",
    "Rivian",
    "Lucid Motors",
    "Waymo",
    "Cruise",
    "Zoox",
    "Nuro",
    "Aurora",
    "Pony.ai",
    "WeRide",
    "Baidu USA",
    "Alibaba US",
    "Tencent America",
    "ByteDance",
    "TikTok",
    "Huawei R&D USA",
    "Futurewei",
    "Lenovo",
    "DJI",
    "Xiaomi",
    "Didi Research America",
    "JD.com Silicon Valley",
    "SAP",
    "Siemens",
    "Bosch",
    "Samsung Research America",
    "LG",
    "Sony",
    "Toyota Research Institute",
    "Honda Research Institute",
    "Ford Greenfield Labs",
    "GM",
    "Mercedes-Benz R&D",
    "Volkswagen",
    "Stanford University",
    "UC Berkeley",
    "UC San Francisco",
    "San Jose State University",
    "Santa Clara University",
    "Lawrence Berkeley National Laboratory",
    "SLAC",
    "Lawrence Livermore National Laboratory",
    "NASA Ames Research Center",
    "SRI International",
    "PARC",
    "Sequoia Capital",
    "Andreessen Horowitz",
    "Kleiner Perkins",
    "Accel",
    "Greylock",
    "Benchmark",
    "Lightspeed",
    "GGV Capital",
    "Qiming Venture Partners",
    "Plug and Play",
    "Y Combinator",
    "Khosla Ventures",
    "Founders Fund",
    "Bain Capital Ventures",
    "Intel Capital",
    "GSV",
    "Atlassian",
    "GitHub",
    "GitLab",
    "HashiCorp",
    "Confluent",
    "MongoDB",
    "Elastic",
    "Redis",
    "Cockroach Labs",
    "Fivetran",
    "dbt Labs",
    "Figma",
    "Canva",
    "Notion",
    "Asana",
    "Airtable",
    "Calendly",
    "DocuSign",
    "Zendesk",
    "HubSpot",
    "Twilio",
    "Plaid",
    "Chime",
    "Brex",
    "Ripple",
    "Coinbase",
    "Robinhood",
    "SoFi",
    "Affirm",
    "Credit Karma",
    "Nextdoor",
    "Yelp",
    "Reddit",
    "Quora",
    "Discord",
    "Medium",
    "Wikimedia Foundation",
    "Mozilla",
    "Samsara",
    "Verkada",
    "Rubrik",
    "Cohesity",
    "Nimble",
    "Cerebras",
    "SambaNova",
    "Groq",
    "Tenstorrent",
    "SiFive",
    "Ambarella",
    "Maxim Integrated",
    "Analog Devices",
    "Texas Instruments",
    "Infineon",
    "NXP",
    "Enphase",
    "SunPower",
    "QuantumScape",
    "Sila Nano",
    "Amprius",
    "EnerVenue",
    "Bloom Energy",
    "ChargePoint",
    "Google DeepMind",
    "Apple Silicon",
    "华为",
    "字节跳动",
    "百度",
    "阿里巴巴",
    "腾讯",
    "比亚迪",
    "宁德时代",
    "大疆",
    "小米",
    "Self-employed",
    "Startup (stealth)",
]
SKILLS = [
    "machine learning",
    "deep learning",
    "computer vision",
    "natural language processing",
    "large language models",
    "recommendation systems",
    "distributed systems",
    "cloud computing",
    "databases",
    "data engineering",
    "data science",
    "statistics",
    "robotics",
    "autonomous driving",
    "embedded systems",
    "chip design",
    "semiconductor process",
    "EDA",
    "analog circuits",
    "RF design",
    "optical communication",
    "lithium batteries",
    "solid-state batteries",
    "solar cells",
    "power electronics",
    "new materials",
    "biomedicine",
    "drug discovery",
    "genomics",
    "medical devices",
    "immunology",
    "bioinformatics",
    "venture capital",
    "private equity",
    "investment banking",
    "product management",
    "UX design",
    "cybersecurity",
    "blockchain",
    "quantum computing",
    "networking",
    "mobile apps",
    "iOS",
    "Android",
    "Kubernetes",
    "Rust",
    "Go",
    "Python",
    "Java",
    "C++",
    "frontend",
    "backend",
    "DevOps",
    "SRE",
    "AR/VR",
    "smart manufacturing",
    "supply chain",
    "agritech",
    "green chemistry",
    "hydrogen energy",
    "机器学习",
    "深度学习",
    "计算机视觉",
    "自然语言处理",
    "大模型",
    "推荐系统",
    "分布式系统",
    "云计算",
    "数据库",
    "芯片设计",
    "集成电路",
    "半导体工艺",
    "锂电池",
    "固态电池",
    "光伏",
    "新材料",
    "生物医药",
    "药物研发",
    "基因组学",
    "医疗器械",
    "风险投资",
    "私募股权",
    "产品管理",
    "网络安全",
    "区块链",
    "量子计算",
    "自动驾驶",
    "机器人",
    "智能制造",
    "现代农业",
]
TITLES = [
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Principal Engineer",
    "Research Scientist",
    "Senior Research Scientist",
    "Data Scientist",
    "Machine Learning Engineer",
    "Product Manager",
    "Engineering Manager",
    "Director of Engineering",
    "VP of Engineering",
    "Founder & CEO",
    "CTO",
    "Partner",
    "Investment Associate",
    "Professor",
    "Associate Professor",
    "Postdoctoral Fellow",
    "Hardware Engineer",
    "Process Engineer",
    "Design Engineer",
    "Consultant",
    "高级工程师",
    "研究员",
    "首席科学家",
    "创始人",
    "合伙人",
    "投资经理",
]
SCHOOLS = [
    "兰州大学",
    "西北师范大学",
    "兰州理工大学",
    "兰州交通大学",
    "甘肃农业大学",
    "清华大学",
    "北京大学",
    "浙江大学",
    "复旦大学",
    "上海交通大学",
    "中国科学技术大学",
    "西安交通大学",
    "哈尔滨工业大学",
    "Stanford University",
    "UC Berkeley",
    "Carnegie Mellon University",
    "MIT",
    "UCLA",
    "University of Washington",
    "UIUC",
    "Georgia Tech",
    "Columbia University",
    "Cornell University",
    "University of Michigan",
    "Purdue University",
    "USC",
    "UC San Diego",
    "UT Austin",
]
CITIES = [
    "San Jose",
    "Palo Alto",
    "Mountain View",
    "Sunnyvale",
    "Santa Clara",
    "Cupertino",
    "Fremont",
    "San Francisco",
    "Menlo Park",
    "Redwood City",
    "Oakland",
    "Berkeley",
]


def weighted(rng: random.Random, table: dict[str, float], tail: str, tail_share: float):
    names, weights = list(table), list(table.values())
    total = sum(weights)
    names += list(tail)
    weights += [tail_share * total / (100 - tail_share) / len(tail)] * len(tail)
    return lambda: rng.choices(names, weights)[0]


def zipf(rng: random.Random, items: list, exponent: float = 0.9):
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return lambda: rng.choices(items, weights)[0]


def surname_spelling(surname: str) -> str:
    from pypinyin import lazy_pinyin

    from workstation.segmenter import SURNAME_READINGS

    reading = SURNAME_READINGS.get(surname) or " ".join(lazy_pinyin(surname))
    return reading.replace(" ", "").replace("v", "u").capitalize()


def synthetic_profiles(count: int):
    """``count`` unsaved profiles with realistic names, employers and skills (reproducible)."""
    import opencc
    from pypinyin import lazy_pinyin

    from talentpool.profiles.models import Interest, TalentProfile
    from talentpool.profiles.services import pinyin_of
    from workstation.reference.models import Industry, Region

    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data
    surname = weighted(rng, SURNAMES, TAIL_SURNAMES, 15)
    given_char = zipf(rng, GIVEN, 0.6)
    employer = zipf(rng, EMPLOYERS, 0.7)
    skill = zipf(rng, SKILLS, 0.6)
    western = zipf(rng, WESTERN, 0.5)
    regions = list(Region.objects.filter(is_gansu=True).values_list("pk", flat=True))
    industries = list(Industry.objects.values_list("pk", flat=True))
    traditional = opencc.OpenCC("s2t")
    interests = [choice for choice, _label in Interest.choices]
    for number in range(count):
        family = surname()
        given = given_char() if rng.random() < 0.3 else given_char() + given_char()
        name_zh = family + given
        given_pinyin = "".join(lazy_pinyin(given)).replace("v", "u").capitalize()
        family_pinyin = surname_spelling(family)
        form = rng.random()
        if form < 0.45:
            name_en = f"{given_pinyin} {family_pinyin}"
        elif form < 0.70:
            name_en = f"{western()} {family_pinyin}"
        elif form < 0.80:
            name_en = f"{family_pinyin} {given_pinyin}"
        elif form < 0.85 and len(given) == 2:
            first, second = lazy_pinyin(given)
            name_en = f"{first.capitalize()}-{second} {family_pinyin}"
        else:
            name_en = ""
        if rng.random() < 0.05:
            name_zh = traditional.convert(name_zh)
        if rng.random() < 0.03:
            name_zh = ""
            name_en = name_en or f"{western()} {family_pinyin}"
        yield TalentProfile(
            name_zh=name_zh,
            name_en=name_en,
            name_pinyin=pinyin_of(name_zh),
            native_region_id=rng.choice(regions),
            current_city=rng.choice(CITIES),
            current_state="CA",
            employer=employer(),
            title=rng.choice(TITLES),
            industry_id=rng.choice(industries),
            expertise=", ".join(dict.fromkeys(skill() for _ in range(rng.randint(2, 5)))),
            degree=rng.choice(["bachelor", "master", "master", "doctorate", "doctorate"]),
            school=rng.choice(SCHOOLS),
            graduation_year=rng.randint(1985, 2024),
            email=f"bench{number}@example.com",
            interests=rng.sample(interests, rng.randint(0, 3)),
            source=rng.choice(["self_registered", "staff", "referral", "event", "import"]),
            is_complete=True,
        )


def generate(count: int) -> dict[str, float]:
    """Replace the benchmark's profiles by ``count`` new ones; returns the seconds of each step."""
    from django.db import connection

    from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent
    from talentpool.profiles.models import TalentProfile
    from talentpool.search.services import reindex_profiles

    timings: dict[str, float] = defaultdict(float)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TalentProfile._meta.db_table} RESTART IDENTITY CASCADE")
    rng = random.Random(SEED + 1)  # noqa: S311 - reproducible sample data
    profiles = synthetic_profiles(count)
    while True:
        started = time.perf_counter()
        batch = [profile for _, profile in zip(range(BATCH), profiles, strict=False)]
        timings["make rows"] += time.perf_counter() - started
        if not batch:
            break
        started = time.perf_counter()
        created = TalentProfile.objects.bulk_create(batch)
        ids = [profile.pk for profile in created]
        timings["insert"] += time.perf_counter() - started
        started = time.perf_counter()
        reindex_profiles(queryset=TalentProfile.objects.filter(pk__in=ids), batch_size=BATCH)
        timings["index"] += time.perf_counter() - started
        started = time.perf_counter()
        with connection.cursor() as cursor:  # registered over the last six years
            cursor.execute(
                f"UPDATE {TalentProfile._meta.db_table} SET created_at = now() - "  # noqa: S608
                "random() * interval '2190 days' WHERE id = ANY(%s)",
                [ids],
            )
        shared = [pk for pk in ids if rng.random() < 0.4]
        Consent.objects.bulk_create(
            Consent(
                profile_id=pk,
                purpose=Consent.Purpose.SHARE_WITH_LANZHOU,
                action=Consent.Action.GIVEN,
                policy_version=PRIVACY_POLICY_VERSION,
            )
            for pk in shared
        )
        # The state set_consent stores beside the ledger row.
        TalentProfile.objects.filter(pk__in=shared).update(shares_with_lanzhou=True)
        timings["dates and consents"] += time.perf_counter() - started
        if sys.stdout.isatty():
            print(f"  {ids[-1]:>7} profiles", end="\r", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TalentProfile._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {Consent._meta.db_table}")
    timings["vacuum analyze"] = time.perf_counter() - started
    return timings


def read_queries() -> list[tuple[str, str]]:
    queries = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, text = line.split("\t", 1)
            queries.append((kind, "" if text == "(empty)" else text))
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(queryset, queries, *, repeat: int, limit: int, show: bool) -> dict[str, list[float]]:
    """Time every query ``repeat`` times, round by round (so a busy moment hits all alike)."""
    from talentpool.search.services import search_profiles

    results = [search_profiles(queryset, text, limit=limit) for _kind, text in queries]  # warm up
    times: list[list[float]] = [[] for _ in queries]
    for _round in range(repeat):
        for index, (_kind, text) in enumerate(queries):
            started = time.perf_counter()
            search_profiles(queryset, text, limit=limit)
            times[index].append((time.perf_counter() - started) * 1000)
    by_class: dict[str, list[float]] = defaultdict(list)
    for (kind, text), result, timed in zip(queries, results, times, strict=True):
        by_class[kind] += timed
        by_class["all"] += timed
        if show:
            total = f"{result.counted_up_to:,}+" if result.total is None else f"{result.total:,}"
            first = result.profiles[0].display_name if result.profiles else "-"
            print(
                f"  {kind:<12} {text or '(empty)':<24} {total:>7} "
                f"{percentile(timed, 0.5):7.1f} {percentile(timed, 0.95):7.1f}   {first}"
            )
    return by_class


def summary(title: str, by_class: dict[str, list[float]]) -> None:
    print(f"\n{title}: server time in ms")
    print(f"  {'class':<12} {'p50':>7} {'p95':>7} {'max':>7}")
    for kind, times in sorted(by_class.items(), key=lambda item: item[0] == "all"):
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(
            f"  {'overall' if kind == 'all' else kind:<12} {p50:7.1f} {p95:7.1f} {max(times):7.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--limit", type=int, default=25, help="profiles on the first page")
    parser.add_argument("--rebuild", action="store_true", help="generate the profiles again")
    parser.add_argument("--no-jit", action="store_true", help="SET jit = off for the session")
    parser.add_argument(
        "--database",
        default=DATABASE,
        help="the database to use (the same generator fills bench/staff_pages.py's)",
    )
    args = parser.parse_args()

    server = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    url = bench_database_url(args.database)
    setup_django(url)
    from django.db import connection

    from talentpool.profiles.models import TalentProfile

    with connection.cursor() as cursor:
        if args.no_jit:
            cursor.execute("SET jit = off")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT current_setting('jit') = 'on' AND pg_jit_available()")
        jit = "on" if cursor.fetchone()[0] else "off"
    print(f"PostgreSQL {version} ({server}), database {args.database}, JIT {jit}")
    have = TalentProfile.objects.count()
    if args.rebuild or have != args.profiles:
        print(f"Generating {args.profiles:,} profiles (had {have:,}) ...")
        started = time.perf_counter()
        timings = generate(args.profiles)
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
        print(f"Generated in {time.perf_counter() - started:.1f} s ({steps})")
    else:
        print(f"Using the {have:,} profiles already generated (--rebuild to make them again)")

    queries = read_queries()
    print(f"Load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"\nStaff search, first page of {args.limit}, {args.repeat} runs per query")
    print(f"  {'class':<12} {'query':<24} {'matches':>7} {'p50':>7} {'p95':>7}   first result")
    staff = run(
        TalentProfile.objects.all(),
        queries,
        repeat=args.repeat,
        limit=args.limit,
        show=True,
    )
    official = run(
        TalentProfile.objects.shared_with_lanzhou(),
        queries,
        repeat=args.repeat,
        limit=args.limit,
        show=False,
    )
    summary("Staff (all profiles)", staff)
    summary("Official (profiles shared with Lanzhou)", official)
    print(f"\nLoad average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    failed = False
    for role, by_class, target in (
        ("staff", staff, STAFF_TARGET_MS),
        ("officials", official, OFFICIAL_TARGET_MS),
    ):
        p95 = percentile(by_class["all"], 0.95)
        failed |= p95 >= target
        verdict = "PASS" if p95 < target else "FAIL"
        print(f"Target for {role}: p95 < {target} ms: {verdict} ({p95:.1f} ms)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
