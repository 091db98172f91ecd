"""Public pages of announcements and Cek Fakta: each reads only ``published()`` rows, in a fixed
number of queries, and is cached for everyone (no session, user or CSRF token)."""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.markup import json_ld
from pagecache.store import public_page

from . import structured_data
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


def announcement_context(announcement, request=None):
    context = {"announcement": announcement, "attachments": list(announcement.attachments.all())}
    if not announcement.is_example:
        context["structured_data"] = json_ld(structured_data.news_article(announcement, request))
    return context


@require_safe
@public_page
def announcement_detail(request, slug):
    published = Announcement.objects.published().select_related("election", "stage__election")
    announcement = get_object_or_404(published, slug=slug)
    context = announcement_context(announcement, request)
    return render(request, "announcements/announcement_detail.html", context)


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


def factcheck_context(fact_check, request=None):
    if fact_check.is_example:
        return {"fact_check": fact_check}
    review = structured_data.claim_review(fact_check, request)
    return {"fact_check": fact_check, "structured_data": json_ld(review)}


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
