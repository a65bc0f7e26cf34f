"""The talent pool's privacy notice, written in English and in Chinese.

The notice is a legal text: each language is written here as it should be read (not through the
gettext catalogs), and the page ``talentpool:privacy_notice`` shows the page's language first and
the other one after it. Change both versions together, and bump ``PRIVACY_POLICY_VERSION``
(talentpool/consents/models.py) when the meaning changes: consent rows keep the version agreed to.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings


def privacy_contact() -> str:
    """The address for privacy questions: ``PRIVACY_CONTACT_EMAIL``, else the workstation's
    sender address unless it is a no-reply one; empty when neither is a real mailbox."""
    configured = getattr(settings, "PRIVACY_CONTACT_EMAIL", "")
    if configured:
        return configured
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    local, _sep, domain = address.partition("@")
    if not domain or domain == "localhost":
        return ""
    if local.lower().replace("-", "").replace("_", "").startswith(("noreply", "donotreply")):
        return ""
    return address


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    language: str  # the HTML lang value
    title: str
    version_label: str
    sections: tuple[Section, ...]


def _contact_line(language: str, email: str) -> str:
    if language == "en":
        if email:
            return (
                f"For questions about your data, or a request you cannot make on the portal "
                f"yourself, write to {email} or reply to any email from the workstation."
            )
        return (
            "For questions about your data, or a request you cannot make on the portal "
            "yourself, reply to any email from the workstation or ask the staff at one of its "
            "events."
        )
    if email:
        return (
            f"如对您的信息有疑问，或有无法在门户网站上自行办理的请求，请发邮件至 {email}，"
            "或直接回复工作站发给您的任何邮件。"
        )
    return (
        "如对您的信息有疑问，或有无法在门户网站上自行办理的请求，请直接回复工作站发给您的"
        "任何邮件，或在工作站的活动上联系工作人员。"
    )


def english_notice(email: str) -> Notice:
    return Notice(
        language="en",
        title="Privacy notice of the talent pool",
        version_label="Version",
        sections=(
            Section(
                "Who keeps your data",
                (
                    "The talent pool is kept by the Lanzhou Science and Technology Innovation "
                    "(Silicon Valley) Workstation, the official liaison office of Lanzhou in "
                    "Silicon Valley. The workstation is hosted at the Zhongguancun Silicon Valley "
                    "Innovation Center and works with the Lanzhou Municipal Science and "
                    "Technology Bureau.",
                ),
            ),
            Section(
                "What we keep",
                items=(
                    "Your account: email address, password (stored only as a one-way hash that "
                    "cannot be turned back into the password), preferred language and the date "
                    "you joined.",
                    "Your profile: your name in Chinese characters and in English or pinyin (and "
                    "the pinyin derived from your Chinese name), native place, current city and "
                    "state, employer, job title, industry, expertise, highest degree, school and "
                    "year of graduation, contact details (email, phone, WeChat ID, LinkedIn "
                    "address), preferred language, the kinds of cooperation you are open to, and "
                    "your CV if you upload one.",
                    "Your consents: which version of this notice you accepted, whether you agreed "
                    "to share your profile with Lanzhou officials and to receive the workstation's "
                    "news and invitations by email, and when you gave or withdrew each consent.",
                    "What the workstation staff add: whether they have verified your profile, "
                    "tags, notes, and a log of their contacts with you (calls, meetings, emails, "
                    "events).",
                    "An audit log saying who (by role) changed or viewed your profile and when. "
                    "It holds no copy of your data.",
                ),
                after=(
                    "Some profiles were first entered by the staff, from an introduction, an "
                    "event or a list. When you claim such a profile this notice applies to it, "
                    "and nothing is shared with Lanzhou officials until you consent.",
                ),
            ),
            Section(
                "Why we keep it",
                (
                    "To stay in touch with Gansu and Lanzhou natives overseas; to tell you about "
                    "cooperation, events and policies that match your interests; to bring "
                    "people together with the needs of Lanzhou's enterprises, parks and "
                    "universities; and to report on our work to the Lanzhou Municipal Science and "
                    "Technology Bureau. Those reports give numbers of people only, never names. "
                    "We do not sell your data and do not use it for advertising.",
                ),
            ),
            Section(
                "Who sees it",
                items=(
                    "The workstation staff see your whole profile, including their own notes.",
                    "Officials of the Lanzhou Municipal Science and Technology Bureau, in China, "
                    "see your profile with your contact details and CV, but never the staff's "
                    "notes or contact log, only if you give the separate consent to share it, "
                    "and only for as long as you keep that consent. Every time an official opens "
                    "your profile, this is recorded. Without that consent, officials see only "
                    "numbers in which no one can be recognised (groups of fewer than three "
                    "people are not shown).",
                    "No one else. The portal uses no outside services for statistics, fonts or "
                    "advertising.",
                ),
                after=(
                    "If you agree to share, your profile is viewed from China, where the law "
                    "on personal data differs from the law where you may live.",
                ),
            ),
            Section(
                "Your choices and rights",
                items=(
                    "See and correct your profile at any time on the page “My profile”.",
                    "Give, or withdraw, your consent to share with Lanzhou officials at any time "
                    "on the page “Consent”. A withdrawal takes effect at once.",
                    "Give, or withdraw, your consent to receive the workstation's news and "
                    "invitations by email on the page “Consent”, or with the link at the end of "
                    "any such email (no sign-in needed). A withdrawal takes effect at once: no "
                    "further such email is sent, even one already prepared.",
                    "Download everything held about you as a zip file (your data as JSON, and "
                    "your CV) on the page “Download my data”.",
                    "Delete your account and profile on the page “Delete”: your profile, "
                    "consents, the staff's notes and contact log, your CV file and your account "
                    "are deleted at once. Only an entry saying that a profile was deleted, with "
                    "none of your data, remains in the audit log, and the talent pool's "
                    "statistics count only the people still in it.",
                ),
            ),
            Section(
                "How long we keep it",
                (
                    "Until you delete your profile, or ask us to delete it. Your consent "
                    "history is kept as long as your profile, so that it can show what you "
                    "agreed to and when.",
                ),
            ),
            Section(
                "Security",
                (
                    "Your CV is stored privately and is never at a public address: only the "
                    "people named above can download it, after signing in. Staff and officials "
                    "sign in with two-factor authentication.",
                ),
            ),
            Section("Contact", (_contact_line("en", email),)),
            Section(
                "Changes to this notice",
                (
                    "If this notice changes in a way that matters to you, we will tell you, and "
                    "ask for your consent again where it is needed. Your consent history keeps "
                    "the version you accepted.",
                ),
            ),
        ),
    )


def chinese_notice(email: str) -> Notice:
    return Notice(
        language="zh-Hans",
        title="人才库隐私声明",
        version_label="版本",
        sections=(
            Section(
                "谁保存您的信息",
                (
                    "人才库由兰州科技创新（硅谷）工作站维护。工作站是兰州市在硅谷的官方联络机构，"
                    "设在中关村硅谷创新中心，与兰州市科学技术局合作开展工作。",
                ),
            ),
            Section(
                "我们保存哪些信息",
                items=(
                    "您的账号：电子邮箱、密码（只保存经单向加密、无法还原的哈希值）、首选语言和注册日期。",
                    "您的档案：中文姓名和英文（或拼音）姓名（以及根据中文姓名生成的拼音）、籍贯、"
                    "现居城市和州（省）、工作单位、职务、行业、专长、最高学历、毕业院校和毕业年份、"
                    "联系方式（电子邮箱、电话、微信号、领英主页地址）、首选语言、您愿意参与的合作方式，"
                    "以及您上传的简历。",
                    "您的同意记录：您接受了哪一版本的隐私声明、是否同意向兰州市科学技术局工作人员共享档案、"
                    "是否同意通过电子邮件接收工作站的资讯和邀请，以及每项同意的给予和撤回时间。",
                    "工作站工作人员添加的信息：档案是否已核实、标签、备注，以及与您联系的记录"
                    "（电话、会面、邮件、活动）。",
                    "审计日志：记录谁（按角色）在何时修改或查看了您的档案，日志本身不保存您的任何信息。",
                ),
                after=(
                    "有些档案最初由工作人员根据他人介绍、活动或名单录入。您认领这样的档案后，"
                    "本声明同样适用；在您表示同意之前，档案不会向兰州市科学技术局工作人员共享。",
                ),
            ),
            Section(
                "我们为什么保存这些信息",
                (
                    "为了与海外的甘肃籍、兰州籍人才保持联系；向您介绍符合您兴趣的合作机会、活动和政策；"
                    "把人才与兰州企业、园区和高校的需求对接起来；并向兰州市科学技术局汇报工作。"
                    "这些汇报只包含人数，绝不包含姓名。我们不出售您的信息，也不将其用于广告。",
                ),
            ),
            Section(
                "谁能看到这些信息",
                items=(
                    "工作站工作人员可以看到您的完整档案，包括他们自己的备注。",
                    "位于中国的兰州市科学技术局官员，只有在您另行同意共享之后、并且在您撤回该同意之前，"
                    "才能看到您的档案（包括联系方式和简历，但绝不包括工作人员的备注和联系记录）。"
                    "官员每次打开您的档案都会被记录。没有您的同意，官员只能看到无法识别个人的统计数字"
                    "（不足三人的分组不予显示）。",
                    "除此之外，任何人都看不到。门户网站不使用任何外部的统计、字体或广告服务。",
                ),
                after=(
                    "如果您同意共享，您的档案将在中国境内被查阅，那里的个人信息保护法律可能与您所在地的法律不同。",
                ),
            ),
            Section(
                "您的选择和权利",
                items=(
                    "随时在“我的档案”页面查看和更正您的信息。",
                    "随时在“同意”页面给予或撤回向兰州市科学技术局工作人员共享档案的同意，撤回立即生效。",
                    "在“同意”页面，或通过每封此类邮件末尾的链接（无需登录），给予或撤回通过电子邮件"
                    "接收工作站资讯和邀请的同意。撤回立即生效：此后不再发送此类邮件，已准备好的也不再发送。",
                    "在“下载我的数据”页面，以压缩文件（JSON 格式的数据和您的简历）下载我们保存的"
                    "关于您的全部信息。",
                    "在“删除”页面删除您的账号和档案：您的档案、同意记录、工作人员的备注和联系记录、"
                    "简历文件和账号将立即删除。审计日志中只保留一条“某档案已删除”的记录，不含您的任何信息；"
                    "人才库的统计数字只计算仍在库中的人员。",
                ),
            ),
            Section(
                "我们保存多久",
                (
                    "直到您删除档案或请我们删除为止。您的同意记录与档案保存同样长的时间，"
                    "以便说明您在何时同意了什么。",
                ),
            ),
            Section(
                "安全",
                (
                    "您的简历以非公开方式保存，从不放在公开网址上：只有上述有权查看的人员登录后才能下载。"
                    "工作站工作人员和兰州市科学技术局工作人员登录时必须使用双因素身份认证。",
                ),
            ),
            Section("联系我们", (_contact_line("zh", email),)),
            Section(
                "本声明的变更",
                (
                    "如本声明发生与您相关的重要变更，我们会通知您，并在需要时再次征求您的同意。"
                    "您的同意记录会保存您所接受的版本。",
                ),
            ),
        ),
    )


def notices_for(language: str) -> tuple[Notice, Notice]:
    """(the notice in the page's language, the notice in the other language)."""
    email = privacy_contact()
    english, chinese = english_notice(email), chinese_notice(email)
    if language.lower().startswith("zh"):
        return chinese, english
    return english, chinese
