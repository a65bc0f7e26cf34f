"""The campaign pages, for the workstation's staff only (officials, talents: 403; the public is
sent to sign in): the list, the form, a campaign's page (its preview in both languages, its
audience and count, the test mail and the sending, then its live counts), the audience page with
the directory's filters, and the counts as JSON for the page's refresh."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from talentpool.campaigns import services
from talentpool.campaigns.forms import CampaignForm, describe_filters
from talentpool.campaigns.models import Campaign
from workstation.accounts.decorators import permission_required
from workstation.translated import LANGUAGE_CODES

manage_permission = permission_required("talentpool.manage_campaigns")

LANGUAGE_NAMES = {"zh-hans": gettext_lazy("Chinese"), "en": gettext_lazy("English")}


def _campaign(request, pk: int) -> Campaign:
    queryset = Campaign.objects.visible_to(request.user).select_related(
        "created_by", "started_by", "policy", "news_post", "event"
    )
    return get_object_or_404(queryset, pk=pk)


def _language_names(codes) -> str:
    return get_text_list([str(LANGUAGE_NAMES[code]) for code in codes], _("and"))


@manage_permission
def campaign_list(request):
    campaigns = list(Campaign.objects.visible_to(request.user).select_related("created_by"))
    progress = services.progress_of(campaigns)
    rows = [(campaign, progress[campaign.pk]) for campaign in campaigns]
    return render(request, "talentpool/campaigns/list.html", {"rows": rows})


def _form_page(request, form, campaign):
    return render(request, "talentpool/campaigns/form.html", {"form": form, "campaign": campaign})


@manage_permission
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(
            campaign=form.save(commit=False), actor=request.user, changed=form.changed_data
        )
        messages.success(request, _("The campaign was saved. Choose its audience next."))
        return redirect("talentpool:campaign_detail", pk=campaign.pk)
    return _form_page(request, form, None)


def _refused(request, campaign: Campaign, error: services.CampaignError):
    messages.error(request, str(error))
    return redirect("talentpool:campaign_detail", pk=campaign.pk)


@manage_permission
def campaign_edit(request, pk: int):
    campaign = _campaign(request, pk)
    if not campaign.is_draft:
        return _refused(request, campaign, services.CampaignError(services.NOT_CHANGEABLE))
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_campaign(
                campaign=form.save(commit=False), actor=request.user, changed=form.changed_data
            )
        except services.CampaignError as error:
            return _refused(request, campaign, error)
        messages.success(request, _("The changes were saved."))
        return redirect("talentpool:campaign_detail", pk=campaign.pk)
    return _form_page(request, form, campaign)


@manage_permission
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk)
    count, problems = (
        services.sending_check(campaign) if campaign.is_draft else (campaign.recipients, [])
    )
    previews = [
        {
            "language": code,
            "name": LANGUAGE_NAMES[code],
            "missing": code in campaign.missing_languages(),
            **services.mail_context(campaign, code, unsubscribe_url=""),
        }
        for code in LANGUAGE_CODES
    ]
    return render(
        request,
        "talentpool/campaigns/detail.html",
        {
            "campaign": campaign,
            "count": count,
            "problems": problems,
            "previews": previews,
            "audience": describe_filters(services.audience_form(campaign.audience)),
            "progress": services.progress_of([campaign])[campaign.pk],
            "rate": settings.CAMPAIGN_SEND_RATE,
        },
    )


@manage_permission
def campaign_audience(request, pk: int):
    campaign = _campaign(request, pk)
    if not campaign.is_draft:
        return _refused(request, campaign, services.CampaignError(services.NOT_CHANGEABLE))
    posted = request.method == "POST"
    fields = services.audience_form(None).fields
    filters = {name: request.POST.get(name, "") for name in fields} if posted else campaign.audience
    form = services.audience_form(filters)
    if posted and request.POST.get("action") == "save" and form.is_valid():
        try:
            services.choose_audience(campaign=campaign, filters=filters, actor=request.user)
        except services.CampaignError as error:
            return _refused(request, campaign, error)
        messages.success(request, _("The audience was saved."))
        return redirect("talentpool:campaign_detail", pk=campaign.pk)
    count = None
    if not form.is_bound or form.is_valid():
        count = services.count_audience(filters)
    elif posted:
        messages.error(request, _("Please correct the filters marked below."))
    return render(
        request,
        "talentpool/campaigns/audience.html",
        {"campaign": campaign, "form": form, "count": count},
    )


@require_POST
@manage_permission
def campaign_test(request, pk: int):
    campaign = _campaign(request, pk)
    try:
        languages = services.send_test(campaign=campaign, actor=request.user)
    except services.CampaignError as error:
        return _refused(request, campaign, error)
    messages.success(
        request,
        _("A test mail in %(languages)s is on its way to %(email)s.")
        % {"languages": _language_names(languages), "email": request.user.email},
    )
    return redirect("talentpool:campaign_detail", pk=campaign.pk)


@require_POST
@manage_permission
def campaign_send(request, pk: int):
    campaign = _campaign(request, pk)
    try:
        campaign = services.start_sending(campaign=campaign, actor=request.user)
    except services.CampaignError as error:
        return _refused(request, campaign, error)
    messages.success(
        request,
        _("Sending started: %(count)s mails go out at %(rate)s a minute.")
        % {
            "count": number_format(campaign.recipients, force_grouping=True),
            "rate": number_format(settings.CAMPAIGN_SEND_RATE, force_grouping=True),
        },
    )
    return redirect("talentpool:campaign_detail", pk=campaign.pk)


@never_cache
@manage_permission
def campaign_progress(request, pk: int):
    """The counts the campaign's page refreshes itself with while it is sent."""
    campaign = _campaign(request, pk)
    progress = services.progress_of([campaign])[campaign.pk]
    return JsonResponse(
        {
            "state": campaign.state,
            "state_label": campaign.get_state_display(),
            **progress.as_dict(),
        }
    )
