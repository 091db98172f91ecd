import segno
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from announcements import views as announcements_views
from candidates import views as candidates_views
from candidates.models import CandidatePair
from core import structured_data
from core.clock import local_today
from core.markup import json_ld
from core.urlutils import absolute_url
from elections import summaries
from elections import views as elections_views
from elections.links import area_path, permanent_url
from elections.models import PollingStation, VoterCount
from pagecache.store import public_page
from reach import search


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
@public_page(reads=("q",))
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


@require_safe
@public_page
def subdistrict_print(request, district, subdistrict, election=None):
    """A one-page A4 notice for the RT board: when, where, who is on the ballot, how to report."""
    election = elections_views.election_in_view(election)
    subdistrict = elections_views.subdistrict_or_404(district, subdistrict)
    page_url = absolute_url(area_path(election, subdistrict), request)
    qr = segno.make(page_url, error="m")
    stations = list(
        PollingStation.objects.filter(election=election, subdistrict=subdistrict).order_by("number")
    )
    return render(
        request,
        "elections/subdistrict_print.html",
        {
            "election": election,
            "subdistrict": subdistrict,
            "district": subdistrict.district,
            "stations": stations,
            # Each source the TPS facts come from, with its date, once.
            "station_sources": sorted({(station.source, station.as_of) for station in stations}),
            "city_dpt": VoterCount.objects.city_dpt(election),
            "contests": candidates_views.contests().filter(election=election),
            "page_url": page_url,
            "bawaslu": settings.PORTAL_BAWASLU,
            "contacts_url": absolute_url(reverse("guide:how-to-vote") + "#kontak-penyelenggara", request),
            "qr_svg": qr.svg_inline(dark="#000", light="#fff", svgclass="qr", lineclass=None, omitsize=True),
            "printed_on": local_today(),
        },
    )


@require_safe
@public_page
def results(request, election=None):
    """Results of every contest with turnout: the tally (elections) by pair (candidates)."""
    election = elections_views.election_in_view(election)
    contests = summaries.contest_results(election, CandidatePair.objects.for_cards())
    # Participation is the city's own contest: the mayoral race has a ballot for every city voter.
    city = next((c for c in contests if c.contest.level == c.contest.Level.CITY), None)
    context = {
        "election": election,
        "contests": contests,
        "participation": city,
        "canonical_url": permanent_url(request, election, "results"),
    }
    if any(contest.city for contest in contests):
        context["structured_data"] = json_ld(
            structured_data.graph(results_dataset(election, contests, request))
        )
    return render(request, "elections/results.html", context)


def results_dataset(election, contests, request):
    """The tally as a schema.org Dataset: KPU's recapitulation, republished by the city."""
    tallies = [tally for contest in contests for tally in (contest.city, *contest.districts) if tally]
    # The decisions and recapitulations the figures come from, named as staff recorded them.
    sources = sorted({(tally.result.source, tally.result.source_url) for tally in tallies})
    downloads = [("text/csv", reverse("api-v1:results-csv")), ("application/json", reverse("api-v1:results"))]
    details = {
        "temporalCoverage": election.voting_day.isoformat(),
        "creator": {"@type": "GovernmentOrganization", "name": "KPU Kota Balikpapan"},
        "publisher": structured_data.publisher(request),
        "variableMeasured": [str(contest.contest) for contest in contests],
    }
    if sources:
        details["isBasedOn"] = [
            {"@type": "CreativeWork", "name": name, **({"url": url} if url else {})} for name, url in sources
        ]
    stages = sorted({tally.result.stage for tally in tallies}, key=lambda stage: stage.rank)
    return structured_data.dataset(
        _("Results of %(election)s in Kota Balikpapan") % {"election": election.name},
        _("Votes per pair and invalid votes, city-wide and per kecamatan, at the count's stage: %(stages)s.")
        % {"stages": "; ".join(str(stage.label) for stage in stages)},
        reverse("results"),
        request,
        downloads=downloads,
        **details,
    )
