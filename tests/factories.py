"""factory-boy factories shared by the suites."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from workstation.accounts.models import User
from workstation.publications.models import NewsPost, PolicyPage

TEST_PASSWORD = "a-Long-test-passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="zh_CN")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class PolicyPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyPage

    topic = PolicyPage.Topic.TALENT
    title_en = factory.Sequence(lambda n: f"Talent policy {n}")
    title_zh_hans = factory.Sequence(lambda n: f"人才政策{n}")
    summary_en = "Support for returning talent."
    summary_zh_hans = "支持海外人才回兰。"
    body_en = "Eligible people **receive** support."
    body_zh_hans = "符合条件者可获得**支持**。"
    is_published = True


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    title_en = factory.Sequence(lambda n: f"Workstation news {n}")
    title_zh_hans = factory.Sequence(lambda n: f"工作站新闻{n}")
    summary_en = "Something happened."
    summary_zh_hans = "发生了一件事。"
    body_en = "The details."
    body_zh_hans = "详细内容。"
    is_published = True


class TalentProfileFactory(factory.django.DjangoModelFactory):
    """A profile as staff would enter it; pass ``user=`` for a registered person."""

    class Meta:
        model = "talentpool.TalentProfile"

    name_zh = factory.Faker("name", locale="zh_CN")
    name_en = factory.Faker("name")
    employer = factory.Iterator(["Google", "Apple", "NVIDIA", "Stanford University", "Tesla"])
    title = "Engineer"
    expertise = "machine learning, batteries"
    email = factory.Sequence(lambda n: f"talent{n}@example.com")
    source = "staff"
    is_complete = True

    @factory.lazy_attribute
    def native_region(self):
        from workstation.reference.models import Region

        return Region.objects.get(code="620102")  # 城关区, Lanzhou

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from talentpool.profiles.services import save_profile

        return save_profile(profile=model_class(*args, **kwargs), actor=None)


def share_with_lanzhou(profile, given: bool = True):
    """Record the person's consent (or its withdrawal) to share with Lanzhou officials."""
    from talentpool.consents.models import Consent
    from talentpool.consents.services import set_consent

    set_consent(profile=profile, purpose=Consent.Purpose.SHARE_WITH_LANZHOU, given=given, by=None)
    return profile


def receive_news(profile, given: bool = True):
    """Record the person's consent (or its withdrawal) to the workstation's news and invitations."""
    from talentpool.consents.models import Consent
    from talentpool.consents.services import set_consent

    set_consent(profile=profile, purpose=Consent.Purpose.WORKSTATION_NEWS, given=given, by=None)
    return profile


class CampaignFactory(factory.django.DjangoModelFactory):
    """A draft campaign written in both languages, to everyone who takes news."""

    class Meta:
        model = "talentpool.Campaign"

    subject_zh_hans = factory.Sequence(lambda n: f"兰州人才政策说明会{n}")
    subject_en = factory.Sequence(lambda n: f"Lanzhou talent policy briefing {n}")
    subject = factory.LazyAttribute(lambda campaign: campaign.subject_en)
    body_zh_hans = "欢迎参加**说明会**，了解兰州新的人才政策。"
    body_en = "Join the **briefing** on Lanzhou's new talent policy."


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"

    title_en = factory.Sequence(lambda n: f"Project {n}")
    title_zh_hans = factory.Sequence(lambda n: f"项目{n}")
    title = factory.LazyAttribute(lambda project: project.title_en)
    summary_en = "A North American technology project."
    summary_zh_hans = "一个北美科技项目。"
    company = factory.Sequence(lambda n: f"Example Tech {n} Inc.")
    contact_name = "Alex Chen"
    contact_email = factory.Sequence(lambda n: f"founder{n}@example.com")
    landing_mode = "rd_centre"
    expo_year = 2027


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Demand"

    kind = "technology"
    title_zh_hans = factory.Sequence(lambda n: f"技术需求{n}")
    title = factory.LazyAttribute(lambda demand: demand.title_zh_hans)

    @factory.lazy_attribute
    def organization(self):
        from workstation.reference.models import Organization

        return Organization.objects.get_or_create(
            name_en="Example Lanzhou Enterprise",
            defaults={
                "name": "Example Lanzhou Enterprise",
                "name_zh_hans": "示例兰州企业",
                "kind": "lanzhou_enterprise",
            },
        )[0]


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.MonthlyBriefing"
        django_get_or_create = ("year", "month")

    year = 2026
    month = 10


class BriefingItemFactory(factory.django.DjangoModelFactory):
    """An item written in both languages at the same moment: no translation problem."""

    class Meta:
        model = "reports.BriefingItem"

    briefing = factory.SubFactory(BriefingFactory)
    section = "us_innovation"
    headline_zh_hans = factory.Sequence(lambda n: f"硅谷创新动态{n}")
    headline_en = factory.Sequence(lambda n: f"Silicon Valley innovation news {n}")
    summary_zh_hans = "一家初创企业发布了新的固态电池技术。"
    summary_en = "A startup released a new solid-state battery technology."
    source_url = "https://example.com/news"
    item_date = datetime.date(2026, 10, 15)
    edited_zh_hans = factory.LazyFunction(timezone.now)
    edited_en = factory.LazyAttribute(lambda item: item.edited_zh_hans)


class EventFactory(factory.django.DjangoModelFactory):
    """A public forum in a month's time, two hours long, open for registration."""

    class Meta:
        model = "workstation.Event"

    kind = "forum"
    title_en = factory.Sequence(lambda n: f"Innovation forum {n}")
    title_zh_hans = factory.Sequence(lambda n: f"创新论坛{n}")
    title = factory.LazyAttribute(lambda event: event.title_en)
    venue_en = "Zhongguancun Silicon Valley Innovation Center"
    venue_zh_hans = "中关村硅谷创新中心"
    description_en = "Talks and **conversations**."
    description_zh_hans = "演讲与**交流**。"
    starts_at = factory.LazyFunction(lambda: _in_days(30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    is_public = True
    registration_open = True


def _in_days(days: int):
    from django.utils import timezone

    return timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=days)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workstation.Registration"

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="zh_CN")
    email = factory.Sequence(lambda n: f"guest{n}@example.com")
    organisation = "Example Tech"
    status = "confirmed"
    language = "en"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A monthly meeting in a week's time, with its event, agenda in both languages."""

    class Meta:
        model = "workstation.Meeting"
        skip_postgeneration_save = True

    event = factory.SubFactory(
        EventFactory,
        kind="monthly_meeting",
        is_public=False,
        registration_open=False,
        title_en=factory.Sequence(lambda n: f"Monthly meeting {n}"),
        title_zh_hans=factory.Sequence(lambda n: f"月度例会{n}"),
        venue_en="Video call",
        venue_zh_hans="视频会议",
        starts_at=factory.LazyFunction(lambda: _in_days(7)),
    )
    agenda_en = "1. Projects for the Expo\n2. Talent pool"
    agenda_zh_hans = "1. 科博会项目\n2. 人才库"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workstation.ActionItem"

    meeting = factory.SubFactory(MeetingFactory)
    description_en = factory.Sequence(lambda n: f"Send the project list {n}")
    description_zh_hans = factory.Sequence(lambda n: f"发送项目清单{n}")
    description = factory.LazyAttribute(lambda item: item.description_en)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class InvitationFactory(factory.django.DjangoModelFactory):
    """A draft invitation of an investor to an expo in three months."""

    class Meta:
        model = "workstation.Invitation"

    event = factory.SubFactory(
        EventFactory,
        kind="expo",
        is_public=True,
        registration_open=False,
        starts_at=factory.LazyFunction(lambda: _in_days(90)),
    )
    name = factory.Sequence(lambda n: f"Alex Morgan {n}")
    kind = "investor"
    affiliation_en = "Managing partner, Sand Hill Ventures"
    affiliation_zh_hans = "沙丘风险投资 管理合伙人"
    bio_en = "Invests in **biomedicine**."
    bio_zh_hans = "投资**生物医药**。"
    status = "draft"
