from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from announcements import views as announcements_views
from candidates import views as candidates_views
from elections import views as elections_views

from . import search, structured_data
from .cache import public_page
from .markup import json_ld
from .urlutils import absolute_url


@require_safe
def root(request):
    """The bare domain always opens the Indonesian portal; English is one link away."""
    with translation.override(settings.LANGUAGE_CODE):
        return redirect("home")


@require_safe
@public_page
def home(request):
    context = {
        **elections_views.home_context(),
        **candidates_views.home_context(),
        **announcements_views.home_context(),
        "structured_data": json_ld(structured_data.home_page(request)),
    }
    return render(request, "home.html", context)


@require_safe
@public_page
def search_results(request):
    terms, shown, truncated = search.clean_query(request.GET.get("q", ""))
    groups = search.search(shown) if terms else []
    context = {
        "query": shown,
        "truncated": truncated,
        "max_length": search.MAX_QUERY_LENGTH,
        "groups": groups,
        "total": sum(group.total for group in groups),
    }
    return render(request, "search.html", context)


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        # A rehearsal copy's made-up figures must never turn up in a search engine.
        "Disallow: /" if settings.PORTAL_TRAINING else "Disallow: /admin/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
