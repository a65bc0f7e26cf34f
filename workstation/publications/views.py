from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from workstation.publications.models import NewsPost, PolicyPage

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def policy_list(request):
    policies = PolicyPage.objects.visible_to(request.user)
    topic = request.GET.get("topic")
    if topic in PolicyPage.Topic.values:
        policies = policies.filter(topic=topic)
    return render(
        request,
        "workstation/policy_list.html",
        {"page": _page(request, policies), "topics": PolicyPage.Topic, "topic": topic},
    )


def policy_detail(request, pk: int):
    policy = get_object_or_404(PolicyPage.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "workstation/publication_detail.html",
        {"publication": policy, "text": policy.text(), "section": "policies"},
    )


def news_list(request):
    page = _page(request, NewsPost.objects.visible_to(request.user))
    return render(request, "workstation/news_list.html", {"page": page})


def news_detail(request, pk: int):
    post = get_object_or_404(NewsPost.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "workstation/publication_detail.html",
        {"publication": post, "text": post.text(), "section": "news"},
    )
