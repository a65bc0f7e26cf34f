import pytest
from bs4 import BeautifulSoup

from tests.factories import NewsPostFactory, PolicyPageFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_root_redirects_by_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").url == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").url == "/en/"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Lanzhou Science and Technology Innovation (Silicon Valley) Workstation",
                "Bring projects to the Lanzhou Sci-Tech Expo",
                "Build a talent pool",
            ],
        ),
        ("zh-hans", ["兰州科技创新（硅谷）工作站", "兰州科博会", "人才库"]),
    ],
)
def test_home_and_about_show_the_six_duties(client, language, expected):
    for path in (f"/{language}/", f"/{language}/about/"):
        page = text_of(client.get(path))
        for phrase in expected:
            assert phrase in page, (path, phrase)


def test_about_names_the_host_and_the_bureau_in_both_languages(client):
    assert "Zhongguancun Silicon Valley Innovation Center" in text_of(client.get("/en/about/"))
    page = text_of(client.get("/zh-hans/about/"))
    assert "中关村硅谷创新中心" in page
    assert "兰州市科学技术局" in page


def test_policy_list_and_detail_in_both_languages(client):
    policy = PolicyPageFactory(title_en="Talent housing support", title_zh_hans="人才住房支持")
    PolicyPageFactory(title_en="Unpublished draft", is_published=False)
    assert "Talent housing support" in text_of(client.get("/en/policies/"))
    assert "Unpublished draft" not in text_of(client.get("/en/policies/"))
    assert "人才住房支持" in text_of(client.get("/zh-hans/policies/"))
    detail = text_of(client.get(f"/zh-hans/policies/{policy.pk}/"))
    assert "人才住房支持" in detail
    assert "符合条件者可获得 支持" in detail or "符合条件者可获得支持" in detail.replace(" ", "")


def test_unpublished_policy_is_not_found(client):
    policy = PolicyPageFactory(is_published=False)
    assert client.get(f"/en/policies/{policy.pk}/").status_code == 404


def test_policy_topics_filter(client):
    PolicyPageFactory(title_en="About talent", topic="talent")
    PolicyPageFactory(title_en="About investment", topic="investment")
    page = text_of(client.get("/en/policies/?topic=investment"))
    assert "About investment" in page
    assert "About talent" not in page


def test_news_list_and_detail_in_both_languages(client):
    post = NewsPostFactory(title_en="Expo roster announced", title_zh_hans="科博会名单公布")
    assert "Expo roster announced" in text_of(client.get("/en/news/"))
    assert "科博会名单公布" in text_of(client.get(f"/zh-hans/news/{post.pk}/"))


def test_missing_translation_is_shown_as_missing(client):
    post = NewsPostFactory(
        title_en="Only in English", title_zh_hans="", summary_zh_hans="", body_zh_hans=""
    )
    listing = text_of(client.get("/zh-hans/news/"))
    assert "Only in English" in listing
    assert "缺少译文" in listing
    detail = text_of(client.get(f"/zh-hans/news/{post.pk}/"))
    assert "尚未翻译" in detail


def test_sample_content_is_marked(client):
    policy = PolicyPageFactory(is_sample=True)
    assert "Sample content" in text_of(client.get("/en/policies/"))
    assert "示例内容" in text_of(client.get(f"/zh-hans/policies/{policy.pk}/"))


def test_rich_text_is_sanitized_on_the_page(client):
    post = NewsPostFactory(
        body_en="Hi <script>alert(1)</script> ![x](https://evil.example/x.png) [ok](https://lanzhou.gov.cn)"
    )
    html = client.get(f"/en/news/{post.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "evil.example" not in html
    assert 'href="https://lanzhou.gov.cn"' in html


def test_news_are_paginated_and_pages_keep_the_topic(client):
    NewsPostFactory.create_batch(23)
    first = text_of(client.get("/en/news/"))
    assert "Page 1 of 2" in first and "Next page" in first
    second = text_of(client.get("/en/news/?page=2"))
    assert "Page 2 of 2" in second and "Previous page" in second
    PolicyPageFactory.create_batch(21, topic="investment")
    page = client.get("/en/policies/?topic=investment&page=2").content.decode()
    assert "topic=investment&amp;page=1" in page
