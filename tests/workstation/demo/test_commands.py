import pytest
from django.core.management import CommandError, call_command

from workstation.accounts.models import Role, User
from workstation.demo.content import DEMO_ACCOUNTS
from workstation.publications.models import NewsPost, PolicyPage

pytestmark = pytest.mark.django_db


def counts():
    return User.objects.count(), PolicyPage.objects.count(), NewsPost.objects.count()


def test_demo_data_loads_once_and_marks_its_content_as_sample(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first[0] == len(DEMO_ACCOUNTS)
    assert not PolicyPage.objects.filter(is_sample=False).exists()
    assert User.objects.get(email="official@lanzhou-sv.example").has_role(Role.OFFICIAL)
    page = client.get("/zh-hans/policies/").content.decode()
    assert "示例" in page
    # Sample policies tagged for talents' "For you" pages, one left for everyone.
    assert PolicyPage.objects.tagged().count() == 2 < PolicyPage.objects.count()
    from talentpool.profiles.models import TalentProfile

    samples = TalentProfile.objects.filter(tags__contains=["sample"])
    assert samples.count() >= 5
    assert samples.count() == TalentProfile.objects.count()
    assert samples.shared_with_lanzhou().exists()
    from projects.pipeline.models import Project

    assert Project.objects.filter(title_en__startswith="Sample").count() >= 3
    assert Project.objects.exclude(stage="lead").exists()


def test_demo_staff_can_sign_in_with_password_and_current_code(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    staff = next(account for account in DEMO_ACCOUNTS if account.role == "staff")
    from workstation.demo.content import DEMO_PASSWORD

    response = client.post("/en/accounts/login/", {"login": staff.email, "password": DEMO_PASSWORD})
    assert response.url == "/en/accounts/2fa/authenticate/"
    response = client.post(response.url, {"code": staff.current_code()})
    assert response.status_code == 302
    assert client.get("/en/colleagues/").status_code == 200


def test_demo_data_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
