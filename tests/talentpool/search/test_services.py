"""The talent search box: Chinese names, pinyin, English names, employers and skills."""

from __future__ import annotations

import io
from collections import OrderedDict

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talentpool.profiles.models import TalentProfile
from talentpool.search.services import page_digest, reindex_profiles, search_profiles
from tests.factories import TalentProfileFactory, share_with_lanzhou

pytestmark = pytest.mark.django_db


def person(name_zh="", name_en="", **fields):
    fields.setdefault("employer", "Acme Robotics")
    fields.setdefault("expertise", "welding")
    fields.setdefault("title", "")
    return TalentProfileFactory(name_zh=name_zh, name_en=name_en, **fields)


def found(query, **kwargs):
    result = search_profiles(TalentProfile.objects.all(), query, **kwargs)
    return [profile.name_zh or profile.name_en for profile in result.profiles]


@pytest.fixture
def wangs():
    """王伟 among namesakes: a homophone (汪伟), same surname (王芳), same given name (李伟)."""
    return {name: person(name) for name in ("王伟", "汪伟", "王芳", "李伟", "王伟明")}


@pytest.mark.parametrize("query", ["王伟", "王偉", "王 伟"])
def test_chinese_name_finds_the_name_not_its_homophones(wangs, query):
    names = found(query)
    assert set(names) == {"王伟", "王伟明"}
    assert names[0] == "王伟"  # the exact name before the longer one


@pytest.mark.parametrize(
    "query",
    [
        "wang wei",
        "wangwei",
        "Wang Wei",
        "Wei Wang",
        "weiwang",
        "wáng wěi",
        "WANG  WEI",
        "wang2 wei3",
        "wang2wei3",
        "Ｗａｎｇ Ｗｅｉ",
    ],
)
def test_pinyin_finds_the_name_and_its_homophones(wangs, query):
    names = found(query)
    assert {"王伟", "汪伟"} <= set(names)
    assert "王芳" not in names and "李伟" not in names


def test_english_name_in_either_order(db):
    person("", "Wei Wang")
    person("", "Fang Wang")
    person("", "David Li")
    for query in ("wei wang", "wang wei", "wangwei", "Wei  Wang"):
        assert found(query) == ["Wei Wang"], query
    assert found("david") == ["David Li"]
    assert found("WANG") == ["Fang Wang", "Wei Wang"]  # newest first among equals


def test_english_name_written_as_pinyin_of_another_order(db):
    person("王伟", "Wang Wei")
    assert found("Wei Wang") == ["王伟"]


def test_traditional_name_is_found_by_simplified_and_the_reverse(db):
    person("張偉")  # stored in Traditional characters
    person("刘洋")  # stored in Simplified
    assert found("张伟") == ["張偉"]
    assert found("張偉") == ["張偉"]
    assert found("zhang wei") == ["張偉"]
    assert found("劉洋") == ["刘洋"]


def test_u_umlaut_is_found_by_every_spelling(db):
    person("吕伟")
    person("卢伟")  # lu wei: no ü
    for query in ("lv", "lyu", "lü", "lǚ", "lv wei", "lvwei", "lyuwei", "Wei Lyu", "lü3 wei3"):
        assert found(query) == ["吕伟"], query
    assert set(found("lu")) == {"吕伟", "卢伟"}  # ü typed as u is ambiguous
    assert found("lu wei")[0] in {"吕伟", "卢伟"}


def test_english_name_with_u_umlaut(db):
    person("", "Lü Na")
    person("", "LǙ Wei")
    person("", "Lu Wei")  # 卢 or 陆: not an ü
    assert found("lv na") == ["Lü Na"]
    assert found("lyu") == ["LǙ Wei", "Lü Na"]
    assert found("lü wei") == ["LǙ Wei"]
    assert set(found("lu wei")) == {"Lu Wei", "LǙ Wei"}


def test_single_surname_finds_the_family_first(db):
    wang_wei, wang_fang = person("王伟"), person("王芳")
    person("李伟")
    person("李王")  # 王 as a given name, entered last
    names = found("王")
    assert set(names) == {"王伟", "王芳", "李王"}
    assert names[-1] == "李王"
    assert set(names[:2]) == {wang_wei.name_zh, wang_fang.name_zh}
    assert found("wang")[-1] == "李王"


def test_surname_reading_differs_from_the_common_one(db):
    person("曾小明")
    assert found("zeng xiaoming") == ["曾小明"]
    assert found("xiaoming zeng") == ["曾小明"]
    assert found("ceng") == ["曾小明"]  # as pypinyin reads the character
    assert found("小明") == ["曾小明"]


def test_compound_surname(db):
    person("欧阳娜娜")
    person("阳娜")
    assert found("欧阳") == ["欧阳娜娜"]
    assert found("ouyang nana") == ["欧阳娜娜"]
    assert found("nana ouyang") == ["欧阳娜娜"]


def test_employer_and_skills(db):
    person("张三", employer="Google LLC", expertise="machine learning, computer vision")
    person("李四", employer="华为技术有限公司", expertise="机器学习，芯片设计")
    person("王五", employer="Tesla", expertise="lithium batteries", title="Staff Engineer")
    assert found("google") == ["张三"]
    assert found("GOOGLE") == ["张三"]
    assert found("华为") == ["李四"]
    assert found("華為") == ["李四"]
    assert found("machine learning") == ["张三"]
    assert found("机器学习") == ["李四"]
    assert found("機器學習") == ["李四"]
    assert found("芯片") == ["李四"]
    assert found("batteries") == ["王五"]
    assert found("engineer") == ["王五"]
    assert found("google vision") == ["张三"]
    assert found("google 华为") == []  # every word must match


def test_exact_name_ranks_above_a_mention_in_the_expertise(db):
    named = person("", "Rust Chen", expertise="databases")
    person("", "Mia Zhou", expertise="rust, embedded systems")  # newer
    assert found("rust") == ["Rust Chen", "Mia Zhou"]
    assert found("rust", limit=1) == ["Rust Chen"]
    assert named.pk


def test_name_ranks_above_employer(db):
    person("", "Apple Liu", employer="Oracle")
    person("", "Tom Xu", employer="Apple")  # newer
    assert found("apple") == ["Apple Liu", "Tom Xu"]


def test_query_count_does_not_grow_with_matches(db):
    for number in range(3):
        person(f"张{number}", employer="Google")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            result = search_profiles(TalentProfile.objects.all(), "google", limit=25)
        return len(captured), len(result.profiles)

    few = queries()
    for number in range(12):
        person(f"李{number}", employer="Google")
    many = queries()
    assert few == (1, 3)
    assert many == (1, 15)


def test_more_matches_than_counted_show_as_open_ended(db):
    for number in range(7):
        person(f"陈{number}", employer="NVIDIA")
    person("周一", employer="Apple")
    result = search_profiles(TalentProfile.objects.all(), "nvidia", limit=3, count_limit=5)
    assert result.total is None  # shown "5+"
    assert result.counted_up_to == 5
    assert len(result.profiles) == 3
    result = search_profiles(TalentProfile.objects.all(), "nvidia", limit=3, count_limit=7)
    assert result.total == 7
    result = search_profiles(TalentProfile.objects.all(), "", limit=3, count_limit=5)
    assert result.total is None and len(result.profiles) == 3
    result = search_profiles(TalentProfile.objects.all(), "", limit=3, count_limit=8)
    assert result.total == 8


def test_exact_name_is_found_among_more_matches_than_are_ranked(db):
    for given in ("文伟", "伟明", "伟东", "建伟", "小伟", "伟"):
        person("王" + given if given != "伟" else "汪伟明")
    person("王伟")  # entered last: not among the first matches the index returns
    for query in ("wang wei", "Wei Wang", "王 伟"):
        result = search_profiles(TalentProfile.objects.all(), query, limit=2, count_limit=3)
        assert result.total is None, query
        assert result.profiles[0].name_zh == "王伟", query


def test_pages_follow_the_ranking(db):
    for number in range(5):
        person(f"陈{number}", employer="NVIDIA")
    first = search_profiles(TalentProfile.objects.all(), "nvidia", limit=2)
    second = search_profiles(TalentProfile.objects.all(), "nvidia", limit=2, offset=2)
    beyond = search_profiles(TalentProfile.objects.all(), "nvidia", limit=2, offset=10)
    names = [p.name_zh for p in first.profiles + second.profiles]
    assert names == ["陈4", "陈3", "陈2", "陈1"]  # equal rank: newest first
    assert (first.total, second.total, beyond.total, beyond.profiles) == (5, 5, 5, [])


def test_empty_query_lists_newest_first(db):
    person("王伟")
    person("李娜")
    result = search_profiles(TalentProfile.objects.all(), "  ")
    assert [p.name_zh for p in result.profiles] == ["李娜", "王伟"]
    assert result.total == 2


@pytest.mark.parametrize("query", ["zzzz", "量子引力", "王伟 google", "wang qiang"])
def test_no_match_returns_nothing(wangs, query):
    result = search_profiles(TalentProfile.objects.all(), query)
    assert (result.profiles, result.total) == ([], 0)


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "&|!:*()",
        "a & b | !c",
        "'",
        "\\",
        "王伟' OR '1'='1",
        "(((",
        "<->",
        "😀",
        "x" * 2000,
        "王" * 3000,
        "; DROP TABLE talentpool_talentprofile; --",
        "\x00",
    ],
)
def test_operator_and_injection_input_is_plain_text(wangs, query):
    result = search_profiles(TalentProfile.objects.all(), query)
    assert result.profiles == []
    assert TalentProfile.objects.count() == 5


def test_operators_are_not_operators(wangs):
    assert found("wang:*") == found("wang")  # no prefix search by the back door
    assert found("王伟 | 李伟") == found("王伟 李伟") == []
    assert found("!王伟") == found("王伟")


def test_search_keeps_to_the_visible_profiles(official):
    shared = person("王伟")
    share_with_lanzhou(shared)
    person("王伟")  # not shared
    result = search_profiles(TalentProfile.objects.visible_to(official), "wang wei")
    assert [p.pk for p in result.profiles] == [shared.pk]
    assert result.total == 1
    assert result.profiles[0].shares_with_lanzhou


def test_nobody_finds_anything_in_an_empty_queryset(wangs):
    for query in ("王伟", "wang wei", ""):
        result = search_profiles(TalentProfile.objects.none(), query)
        assert (result.profiles, result.total) == ([], 0)


def test_search_keeps_to_a_filtered_queryset(db):
    person("王伟", employer="Google")
    person("王伟", employer="Apple")
    result = search_profiles(TalentProfile.objects.filter(employer="Apple"), "王伟")
    assert [p.employer for p in result.profiles] == ["Apple"]


def test_saving_a_profile_refreshes_its_index(db):
    profile = person("王伟", employer="Google")
    profile.employer = "Meta"
    from talentpool.profiles.services import save_profile

    save_profile(profile=profile, actor=None, changed=["employer"])
    assert found("google") == []
    assert found("meta") == ["王伟"]


def test_batch_reindex_writes_what_saving_writes(db):
    profile = person("吕小明", "Xiaoming Lyu", employer="字节跳动", expertise="机器学习, Rust")
    saved = TalentProfile.objects.values_list("search_document", flat=True).get(pk=profile.pk)
    TalentProfile.objects.update(search_document=None)
    reindex_profiles()
    assert TalentProfile.objects.values_list("search_document", flat=True).get() == saved
    assert "'lyu':" in saved and "'字节':" in saved


def test_reindex_command_rebuilds_every_document(db):
    person("王伟")
    person("吕娜")
    TalentProfile.objects.update(search_document=None)
    assert found("wang wei") == []
    output = io.StringIO()
    call_command("reindex_talent", "--batch-size", "1", stdout=output)
    assert "Reindexed 2 profiles" in output.getvalue()
    assert found("wang wei") == ["王伟"]
    assert found("lyu na") == ["吕娜"]


def test_a_page_summarised_before_is_not_ranked_again_until_a_profile_changes(db):
    wei = person("王伟", "Wei Wang", employer="Google")
    person("王芳", "Fang Wang", employer="Apple")
    pool = TalentProfile.objects.all()

    def summary():
        with CaptureQueriesContext(connection) as captured:
            page = page_digest(pool, "wang", limit=25)
        return page, len(captured)

    first, first_queries = summary()
    again, again_queries = summary()
    assert (again.digest, again.rows, again.total) == (first.digest, 2, 2)
    assert (first_queries, again_queries) == (2, 1)  # the stamps, then the ranking only once
    TalentProfile.objects.filter(pk=wei.pk).update(name_en="Wei Wang-Li")
    changed, changed_queries = summary()
    assert changed.digest != first.digest
    assert changed_queries == 2
    TalentProfile.objects.filter(pk=wei.pk).update(name_zh="李伟", name_en="Wei Li")
    reindex_profiles()
    assert page_digest(pool, "wang", limit=25).rows == 1  # ranked afresh: Wei is no Wang now


def test_a_searchs_statement_is_written_once_per_query_set_and_each_search_gets_its_words(
    db, monkeypatch
):
    import talentpool.search.services as search

    written = []
    ranked_sql = search._ranked_sql

    def counting(*args, **kwargs):
        written.append(kwargs)
        return ranked_sql(*args, **kwargs)

    monkeypatch.setattr(search, "_ranked_sql", counting)
    monkeypatch.setattr("workstation.digests._written", OrderedDict())
    person("王伟", "Wei Wang", employer="Google")
    person("李娜", "Na Li", employer="Apple")
    pool = TalentProfile.objects.all()
    assert found("google") == ["王伟"]
    assert found("apple") == ["李娜"]
    assert found("nvidia") == []
    assert len(written) == 1  # one statement for the three searches' words
    other = search_profiles(pool.filter(employer="Apple"), "google").profiles  # another query set
    assert other == [] and len(written) == 2
