"""Lanzhou demands: staff keep them in both languages, officials read them, nothing else."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse
from django.utils import translation

from projects.demands.models import Demand
from tests.factories import DemandFactory
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry, Organization

pytestmark = pytest.mark.django_db

LIST = reverse("projects:demand_list")
CREATE = reverse("projects:demand_create")


def edit_url(demand) -> str:
    return reverse("projects:demand_edit", kwargs={"pk": demand.pk})


def organization(kind="industrial_park", name_en="Lanzhou New Area Park", name_zh="兰州新区园区"):
    return Organization.objects.create(
        kind=kind, name_en=name_en, name_zh_hans=name_zh, name=name_en
    )


def form_data(**values):
    data = {
        "organization": "",
        "new_organization_name": "",
        "new_organization_kind": "",
        "kind": "technology",
        "industry": Industry.objects.get(key="new_energy").pk,
        "title_zh_hans": "",
        "title_en": "",
        "description_zh_hans": "",
        "description_en": "",
        "is_active": "on",
    }
    data.update(values)
    return data


def test_staff_create_a_chinese_only_demand_shown_with_translation_missing(clients, staff):
    park = organization()
    response = clients["staff"].post(
        CREATE,
        form_data(
            organization=park.pk, title_zh_hans="锂电池回收", description_zh_hans="回收退役电池。"
        ),
    )
    demand = Demand.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:demand_detail", kwargs={"pk": demand.pk})
    assert demand.title_zh_hans == "锂电池回收" and not demand.title_en
    assert demand.organization == park and demand.created_by == staff and demand.is_active
    # The matching document was refreshed by the save.
    assert Demand.objects.filter(match_document=SearchQuery("锂电池", config="simple")).exists()
    assert AuditEntry.objects.filter(
        action="project_demand.created", object_id=str(demand.pk)
    ).exists()

    html = clients["staff"].get(response.url).content.decode()
    assert "锂电池回收" in html and "回收退役电池。" in html
    assert "Translation missing" in html
    html = clients["staff"].get(LIST).content.decode()
    assert "锂电池回收" in html and "Translation missing" in html


def test_both_languages_side_by_side_on_the_form(clients):
    html = clients["staff"].get(CREATE).content.decode()
    assert html.count('class="bilingual-fields"') == 2
    for name in ("title_zh_hans", "title_en", "description_zh_hans", "description_en"):
        assert f'name="{name}"' in html


def test_a_title_in_one_language_at_least_and_the_input_is_kept(clients):
    park = organization()
    response = clients["staff"].post(
        CREATE, form_data(organization=park.pk, description_en="Recycling of old batteries")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the title in at least one language, Chinese or English." in html
    assert "A description in this language needs a title in it too." in html
    assert "Recycling of old batteries" in html
    assert not Demand.objects.exists()


def test_organization_from_the_list_or_a_new_one(clients):
    park = organization()
    investor = organization(kind="investor", name_en="Some Fund", name_zh="某基金")
    # None given.
    response = clients["staff"].post(CREATE, form_data(title_en="Battery recycling"))
    assert "Choose the Lanzhou organization or type the name of a new one." in (
        response.content.decode()
    )
    # Not a Lanzhou enterprise, park or university.
    response = clients["staff"].post(
        CREATE, form_data(organization=investor.pk, title_en="Battery recycling")
    )
    assert response.status_code == 200
    assert 'name="organization"' in response.content.decode()
    # Both.
    response = clients["staff"].post(
        CREATE,
        form_data(
            organization=park.pk,
            new_organization_name="兰州大学",
            new_organization_kind="university",
            title_en="Battery recycling",
        ),
    )
    assert "not both" in response.content.decode()
    # A new one needs its kind.
    response = clients["staff"].post(
        CREATE, form_data(new_organization_name="兰州大学", title_en="Battery recycling")
    )
    assert "Say what kind of organization it is." in response.content.decode()
    assert not Demand.objects.exists()
    # A new one, named in Chinese.
    response = clients["staff"].post(
        CREATE,
        form_data(
            new_organization_name=" 兰州大学 ",
            new_organization_kind="university",
            title_en="Battery recycling",
        ),
    )
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.organization.name_zh_hans == "兰州大学"
    assert demand.organization.kind == "university"


def test_staff_edit_adds_the_english_version_and_refreshes_the_document(clients):
    demand = DemandFactory(title_zh_hans="氢能储运", title_en="")
    response = clients["staff"].post(
        edit_url(demand),
        form_data(
            organization=demand.organization.pk,
            title_zh_hans="氢能储运",
            title_en="Hydrogen storage",
            is_active="",
        ),
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.title_en == "Hydrogen storage" and not demand.is_active
    found = Demand.objects.filter(match_document=SearchQuery("hydrogen", config="simple"))
    assert list(found) == [demand]
    entry = AuditEntry.objects.get(action="project_demand.changed")
    assert "title_en" in entry.details["fields"]

    html = clients["staff"].get(edit_url(demand)).content.decode()
    assert 'value="Hydrogen storage"' in html


def test_list_filters(clients):
    park = organization()
    energy = Industry.objects.get(key="new_energy")
    open_tech = DemandFactory(title_zh_hans="开放技术需求", industry=energy, organization=park)
    closed = DemandFactory(title_zh_hans="已关闭需求", is_active=False)
    investment = DemandFactory(title_zh_hans="投资需求", kind="investment")

    html = clients["staff"].get(LIST).content.decode()  # open ones by default
    assert "开放技术需求" in html and "投资需求" in html and "已关闭需求" not in html
    html = clients["staff"].get(LIST, {"status": "closed"}).content.decode()
    assert "已关闭需求" in html and "开放技术需求" not in html
    html = clients["staff"].get(LIST, {"status": "all", "kind": "investment"}).content.decode()
    assert "投资需求" in html and "开放技术需求" not in html
    html = clients["staff"].get(LIST, {"industry": energy.pk}).content.decode()
    assert "开放技术需求" in html and "投资需求" not in html
    html = clients["staff"].get(LIST, {"organization": park.pk}).content.decode()
    assert "开放技术需求" in html and "投资需求" not in html
    response = clients["staff"].get(LIST, {"kind": "nonsense"})
    assert "Please correct the filters" in response.content.decode()
    assert closed and investment and open_tech


def test_list_in_chinese(clients):
    DemandFactory(title_zh_hans="锂电池回收", title_en="")
    with translation.override("zh-hans"):
        url = reverse("projects:demand_list")
    html = clients["official"].get(url).content.decode()
    assert "锂电池回收" in html
    assert 'lang="zh-hans"' in html.lower()


def test_officials_read_but_change_nothing(clients):
    demand = DemandFactory()
    detail = reverse("projects:demand_detail", kwargs={"pk": demand.pk})
    html = clients["official"].get(LIST).content.decode()
    assert demand.title_zh_hans in html
    assert CREATE not in html
    assert edit_url(demand) not in clients["official"].get(detail).content.decode()
    for url in (CREATE, edit_url(demand)):
        assert clients["official"].get(url).status_code == 403
        assert clients["official"].post(url, form_data(title_en="Changed")).status_code == 403
    demand.refresh_from_db()
    assert demand.title_en != "Changed" and Demand.objects.count() == 1


def test_talents_get_403_and_anonymous_people_sign_in(clients):
    demand = DemandFactory()
    urls = (LIST, CREATE, edit_url(demand), reverse("projects:demand_detail", args=[demand.pk]))
    for url in urls:
        assert clients["talent"].get(url).status_code == 403
        response = clients["anonymous"].get(url)
        assert response.status_code == 302 and "login" in response.url
