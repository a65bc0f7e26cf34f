"""Roles, industries, regions and the organizations the workstation was founded with."""

from django.db import migrations

ROLES = ["staff", "official", "talent"]

INDUSTRIES = [
    ("biomedicine", "生物医药", "Biomedicine"),
    ("artificial_intelligence", "人工智能", "Artificial intelligence"),
    ("integrated_circuits", "集成电路", "Integrated circuits"),
    ("digital_economy", "数字经济", "Digital economy"),
    ("big_data_computing", "大数据与算力", "Big data and computing"),
    ("new_materials", "新材料", "New materials"),
    ("new_energy", "新能源", "New energy"),
    ("equipment_manufacturing", "装备制造", "Equipment manufacturing"),
    ("green_fine_chemicals", "绿色化工与精细化工", "Green and fine chemicals"),
    ("modern_agriculture", "现代农业", "Modern agriculture"),
    ("electronic_information", "电子信息", "Electronic information"),
    ("other", "其他", "Other"),
]

GANSU_PREFECTURES = [
    ("620100", "兰州市", "Lanzhou"),
    ("620200", "嘉峪关市", "Jiayuguan"),
    ("620300", "金昌市", "Jinchang"),
    ("620400", "白银市", "Baiyin"),
    ("620500", "天水市", "Tianshui"),
    ("620600", "武威市", "Wuwei"),
    ("620700", "张掖市", "Zhangye"),
    ("620800", "平凉市", "Pingliang"),
    ("620900", "酒泉市", "Jiuquan"),
    ("621000", "庆阳市", "Qingyang"),
    ("621100", "定西市", "Dingxi"),
    ("621200", "陇南市", "Longnan"),
    ("622900", "临夏回族自治州", "Linxia Hui Autonomous Prefecture"),
    ("623000", "甘南藏族自治州", "Gannan Tibetan Autonomous Prefecture"),
]

LANZHOU_DISTRICTS = [
    ("620102", "城关区", "Chengguan District"),
    ("620103", "七里河区", "Qilihe District"),
    ("620104", "西固区", "Xigu District"),
    ("620105", "安宁区", "Anning District"),
    ("620111", "红古区", "Honggu District"),
    ("620121", "永登县", "Yongdeng County"),
    ("620122", "皋兰县", "Gaolan County"),
    ("620123", "榆中县", "Yuzhong County"),
]

PROVINCES = [
    ("110000", "北京市", "Beijing"),
    ("120000", "天津市", "Tianjin"),
    ("130000", "河北省", "Hebei"),
    ("140000", "山西省", "Shanxi"),
    ("150000", "内蒙古自治区", "Inner Mongolia"),
    ("210000", "辽宁省", "Liaoning"),
    ("220000", "吉林省", "Jilin"),
    ("230000", "黑龙江省", "Heilongjiang"),
    ("310000", "上海市", "Shanghai"),
    ("320000", "江苏省", "Jiangsu"),
    ("330000", "浙江省", "Zhejiang"),
    ("340000", "安徽省", "Anhui"),
    ("350000", "福建省", "Fujian"),
    ("360000", "江西省", "Jiangxi"),
    ("370000", "山东省", "Shandong"),
    ("410000", "河南省", "Henan"),
    ("420000", "湖北省", "Hubei"),
    ("430000", "湖南省", "Hunan"),
    ("440000", "广东省", "Guangdong"),
    ("450000", "广西壮族自治区", "Guangxi"),
    ("460000", "海南省", "Hainan"),
    ("500000", "重庆市", "Chongqing"),
    ("510000", "四川省", "Sichuan"),
    ("520000", "贵州省", "Guizhou"),
    ("530000", "云南省", "Yunnan"),
    ("540000", "西藏自治区", "Tibet"),
    ("610000", "陕西省", "Shaanxi"),
    ("620000", "甘肃省", "Gansu"),
    ("630000", "青海省", "Qinghai"),
    ("640000", "宁夏回族自治区", "Ningxia"),
    ("650000", "新疆维吾尔自治区", "Xinjiang"),
    ("710000", "台湾省", "Taiwan"),
    ("810000", "香港特别行政区", "Hong Kong"),
    ("820000", "澳门特别行政区", "Macao"),
]

ORGANIZATIONS = [
    ("government", "兰州市科学技术局", "Lanzhou Municipal Science and Technology Bureau", "620100"),
    ("innovation_center", "中关村硅谷创新中心", "Zhongguancun Silicon Valley Innovation Center", ""),
    ("investor", "中关村（国际）控股公司", "Zhongguancun (International) Holding Company", ""),
    ("government", "兰州新区", "Lanzhou New Area", "lanzhou-new-area"),
]


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Industry = apps.get_model("workstation", "Industry")
    Region = apps.get_model("workstation", "Region")
    Organization = apps.get_model("workstation", "Organization")

    for role in ROLES:
        Group.objects.get_or_create(name=role)

    for position, (key, zh, en) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            key=key,
            defaults={"name": en, "name_en": en, "name_zh_hans": zh, "position": position},
        )

    def region(code, zh, en, kind, position, parent=None, gansu=False, lanzhou=False):
        obj, _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": en, "name_en": en, "name_zh_hans": zh, "kind": kind,
                "position": position, "parent": parent, "is_gansu": gansu, "is_lanzhou": lanzhou,
            },
        )  # fmt: skip
        return obj

    # Gansu first: most people in the pool come from there.
    gansu = region("620000", "甘肃省", "Gansu", "province", 0, gansu=True)
    prefectures = {}
    for index, (code, zh, en) in enumerate(GANSU_PREFECTURES):
        prefectures[code] = region(
            code, zh, en, "prefecture", 10 + index, gansu, True, code == "620100"
        )
    lanzhou = prefectures["620100"]
    for index, (code, zh, en) in enumerate(LANZHOU_DISTRICTS):
        region(code, zh, en, "district", 40 + index, lanzhou, True, True)
    region("lanzhou-new-area", "兰州新区", "Lanzhou New Area", "new_area", 60, lanzhou, True, True)
    for index, (code, zh, en) in enumerate(PROVINCES):
        if code != "620000":
            region(code, zh, en, "province", 100 + index)
    region("outside-china", "中国境外", "Outside China", "outside_china", 200)

    for kind, zh, en, region_code in ORGANIZATIONS:
        if not Organization.objects.filter(name_en=en).exists():
            Organization.objects.create(
                kind=kind,
                name=en,
                name_en=en,
                name_zh_hans=zh,
                region=Region.objects.filter(code=region_code).first() if region_code else None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("workstation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
