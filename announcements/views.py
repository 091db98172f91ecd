"""Public pages of announcements and Cek Fakta: each reads only ``published()`` rows, in a fixed
number of queries, and is cached for everyone (no session, user or CSRF token)."""

import re

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from core.markup import json_ld
from core.urlutils import absolute_url
from pagecache.store import public_page

from .models import Announcement, Attachment, Category, FactCheck

PER_PAGE = 10
# How the page links write a page number; anything else (0, 02, -1, 1e3, abc) names no page.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def _page(request, queryset):
    """One page of results; ``halaman`` past the last page or not written as a page number is a 404.

    Every page is kept in the shared cache for every reader, so an address that names no page
    must not answer (and be kept) as if it were one.
    """
    paginator = Paginator(queryset, PER_PAGE)
    number = request.GET.get("halaman") or "1"
    if not PAGE_NUMBER.fullmatch(number):
        raise Http404("No such page.")
    try:
        page = paginator.page(int(number))
    except InvalidPage as error:
        raise Http404("No such page.") from error
    page.numbers = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page


@require_safe
@public_page(reads=("kategori", "halaman"))
def announcement_list(request):
    category = request.GET.get("kategori", "")
    context = {"categories": Category.choices}
    if category and category not in Category.values:
        context["unknown_category"] = True
        return render(request, "announcements/announcement_list.html", context, status=404)
    items = Announcement.objects.for_listing()
    if category:
        items = items.filter(category=category)
        context["category"] = Category(category)
    context["page"] = _page(request, items)
    return render(request, "announcements/announcement_list.html", context)


def announcement_context(announcement):
    return {"announcement": announcement, "attachments": list(announcement.attachments.all())}


@require_safe
@public_page
def announcement_detail(request, slug):
    published = Announcement.objects.published().select_related("election", "stage")
    announcement = get_object_or_404(published, slug=slug)
    return render(request, "announcements/announcement_detail.html", announcement_context(announcement))


def _change_log(request, model, slug):
    """Every version of a published item that readers saw, from its history records."""
    item = get_object_or_404(model.objects.published(), slug=slug)
    context = {
        "item": item,
        "versions": item.public_versions(),
        "version_template": f"announcements/includes/_{model._meta.model_name}_version.html",
    }
    return render(request, "announcements/history.html", context)


@require_safe
@public_page
def announcement_history(request, slug):
    return _change_log(request, Announcement, slug)


@require_safe
@public_page
def attachment(request, slug, pk):
    """The PDF as a download: a fixed type, a clean name, and nothing a browser could run."""
    published = Announcement.objects.published()
    document = get_object_or_404(Attachment, pk=pk, announcement__slug=slug, announcement__in=published)
    try:
        file = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        file, as_attachment=True, filename=document.download_name(), content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
@public_page(reads=("halaman",))
def factcheck_list(request):
    items = FactCheck.objects.published().order_by("-publish_at", "-pk")
    return render(request, "announcements/factcheck_list.html", {"page": _page(request, items)})


def claim_review(fact_check, request=None):
    """schema.org ClaimReview for search engines and fact-check aggregators."""
    verdict = fact_check.verdict_choice
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(fact_check.get_absolute_url(), request),
        "name": fact_check.title,
        "claimReviewed": fact_check.claim,
        "inLanguage": translation.get_language(),
        "author": {
            "@type": "Organization",
            "name": settings.PORTAL_PUBLISHER,
            "url": settings.PORTAL_OFFICIAL_SITE,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating,
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": str(verdict.label),
        },
        "itemReviewed": claim(fact_check),
    }
    if fact_check.publish_at:
        data["datePublished"] = timezone.localtime(fact_check.publish_at).date().isoformat()
    if fact_check.corrected_at:
        data["dateModified"] = timezone.localtime(fact_check.corrected_at).isoformat()
    return data


def claim(fact_check):
    """The claim as schema.org knows it: what it says, where it appeared and since when.

    Its author is left out: a claim passed around in chat groups has none the city could name.
    """
    item = {"@type": "Claim", "text": fact_check.claim}
    if fact_check.claim_seen_on:
        item["datePublished"] = fact_check.claim_seen_on.isoformat()
    if fact_check.claim_channel:
        item["appearance"] = {"@type": "CreativeWork", "name": fact_check.claim_channel}
    if fact_check.claim_seen_on and fact_check.claim_channel:
        item["firstAppearance"] = {
            "@type": "CreativeWork",
            "name": fact_check.claim_channel,
            "datePublished": fact_check.claim_seen_on.isoformat(),
        }
    return item


def factcheck_context(fact_check, request=None):
    if fact_check.is_example:
        return {"fact_check": fact_check}
    return {"fact_check": fact_check, "structured_data": json_ld(claim_review(fact_check, request))}


@require_safe
@public_page
def factcheck_detail(request, slug):
    fact_check = get_object_or_404(FactCheck.objects.published(), slug=slug)
    return render(request, "announcements/factcheck_detail.html", factcheck_context(fact_check, request))


@require_safe
@public_page
def factcheck_history(request, slug):
    return _change_log(request, FactCheck, slug)


def home_context(at=None):
    """What the home page shows of this app, in three small queries: pinned, latest, fact checks."""
    published = Announcement.objects.published(at).order_by("-publish_at", "-pk")
    return {
        "pinned_announcements": list(published.filter(pinned=True)[:3]),
        "latest_announcements": list(published.filter(pinned=False)[:4]),
        "latest_fact_checks": list(FactCheck.objects.published(at).order_by("-publish_at", "-pk")[:3]),
    }
