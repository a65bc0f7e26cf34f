"""Staff tag a policy with the people it is for (native places, degrees, cooperation interests);
a person fits a tagged policy when they match every kind of tag it has."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import signed_in_client
from tests.factories import PolicyPageFactory
from workstation.publications.models import PolicyPage, Reader
from workstation.reference.models import Region

pytestmark = pytest.mark.django_db


def region(code: str) -> Region:
    return Region.objects.select_related("parent__parent").get(code=code)


def reader(code: str = "", degree: str = "", interests=()) -> Reader:
    return Reader(
        places=tuple(region(code).lineage()) if code else (),
        degree=degree,
        interests=tuple(interests),
    )


def titles(queryset) -> set[str]:
    return {policy.title_en for policy in queryset}


def tagged(title: str, *, regions=(), **fields) -> PolicyPage:
    policy = PolicyPageFactory(title_en=title, **fields)
    policy.audience_regions.set([region(code) for code in regions])
    return policy


def test_staff_tag_a_policy_with_its_audience_in_the_admin(staff):
    admin = signed_in_client(staff)
    form = admin.get("/en/admin/workstation/policypage/add/").content.decode()
    assert 'name="audience_regions"' in form
    assert 'type="checkbox" name="audience_interests" value="start_company"' in form
    lanzhou, gansu = region("620100"), region("620000")
    response = admin.post(
        "/en/admin/workstation/policypage/add/",
        {
            "topic": "talent",
            "title_zh_hans": "兰州市海外人才创业扶持办法",
            "title_en": "Lanzhou support for overseas talent starting a company",
            "is_published": "on",
            "published_on": "2026-11-01",
            "audience_regions": [lanzhou.pk, gansu.pk],
            "audience_degrees": ["master", "doctorate"],
            "audience_interests": ["start_company"],
        },
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").find(
        class_="errorlist"
    )
    policy = PolicyPage.objects.get()
    assert set(policy.audience_regions.all()) == {lanzhou, gansu}
    assert policy.audience_degrees == ["master", "doctorate"]
    assert policy.audience_interests == ["start_company"]


def test_the_admin_refuses_a_degree_that_is_not_one_of_the_profiles():
    from workstation.publications.admin import PolicyPageAdmin

    field = PolicyPage._meta.get_field("audience_degrees")
    formfield = PolicyPageAdmin(PolicyPage, None).formfield_for_dbfield(field, None)
    assert [value for value, _label in formfield.choices] == [
        "bachelor",
        "master",
        "doctorate",
        "other",
    ]
    with pytest.raises(Exception, match="valid choice"):
        formfield.clean(["professor"])


def test_a_reader_fits_the_policies_whose_every_kind_of_tag_they_match():
    tagged("Lanzhou natives", regions=["620100"])
    tagged("Gansu founders", regions=["620000"], audience_interests=["start_company"])
    tagged("Doctors", audience_degrees=["doctorate"])
    tagged("Advisers or investors", audience_interests=["part_time", "invest"])
    PolicyPageFactory(title_en="Untagged")
    tagged("Lanzhou natives, unpublished", regions=["620100"], is_published=False)

    published = PolicyPage.objects.published()
    # A native of Chengguan District (Lanzhou, Gansu) with a doctorate who would start a company.
    assert titles(published.for_reader(reader("620102", "doctorate", ["start_company"]))) == {
        "Lanzhou natives",
        "Gansu founders",
        "Doctors",
    }
    # A native of Tianshui (Gansu, not Lanzhou) who would advise part-time, with a master's.
    assert titles(published.for_reader(reader("620500", "master", ["part_time"]))) == {
        "Advisers or investors"
    }
    # A native of Shaanxi with no degree or interest given: nothing is meant for them.
    assert titles(published.for_reader(reader("610000"))) == set()
    # No native place at all: only the policies that ask none.
    assert titles(published.for_reader(reader(degree="doctorate", interests=["invest"]))) == {
        "Doctors",
        "Advisers or investors",
    }
    assert "Untagged" not in titles(published.tagged())


def test_the_reasons_say_which_tags_the_reader_matches(settings):
    from django.utils import translation

    policy = tagged(
        "Gansu founders",
        regions=["620000"],
        audience_degrees=["doctorate", "master"],
        audience_interests=["start_company", "invest"],
    )
    someone = reader("620102", "doctorate", ["invest", "start_company", "speak"])
    assert policy.reasons_for(someone) == [
        "Native place: Gansu",
        "Degree: Doctorate",
        "Interest: Start a company in Lanzhou; Invest",
    ]
    with translation.override("zh-hans"):
        reasons = policy.reasons_for(someone)
    assert reasons[0] == "籍贯：甘肃省"
    assert "博士" in reasons[1]
