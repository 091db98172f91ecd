import segno
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import structured_data
from portal.cache import public_page
from portal.clock import local_today
from portal.markup import json_ld
from portal.urlutils import absolute_url

from . import calendar, summaries
from .models import District, Election, PollingStation, Subdistrict, VoterCount


def featured_election():
    election = Election.objects.featured()
    if election is None:
        raise Http404("No election has been set up yet.")
    return election


def home_context():
    """What the home page shows about the election: the stage banner and the headline figures."""
    election = Election.objects.featured()
    if election is None:
        return {}
    dpt = VoterCount.objects.filter(election=election, list_stage=VoterCount.ListStage.DPT).city().first()
    return {
        "election": election,
        "timeline": summaries.timeline(election, local_today()),
        "city_dpt": dpt,
        "district_count": District.objects.count(),
        "subdistrict_count": Subdistrict.objects.count(),
    }


@require_safe
@public_page
def schedule(request):
    election = featured_election()
    timeline = summaries.timeline(election, local_today())
    debates = summaries.debates(election)
    events = structured_data.schedule_events(
        election, timeline.stages, request, debates=[debate for group in debates for debate in group.debates]
    )
    return render(
        request,
        "elections/schedule.html",
        {"election": election, "timeline": timeline, "debates": debates, "structured_data": json_ld(events)},
    )


@require_safe
@public_page
def calendar_feed(request):
    election = featured_election()
    body = calendar.build(election, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}.ics"'
    return response


@require_safe
@public_page
def voters(request):
    election = featured_election()
    return render(
        request,
        "elections/voters.html",
        {"election": election, "table": summaries.voter_table(election)},
    )


@require_safe
@public_page
def district_detail(request, district):
    election = featured_election()
    district = get_object_or_404(District, slug=district)
    trail = [(_("Voters"), reverse("elections:voters")), (district.name, district.get_absolute_url())]
    return render(
        request,
        "elections/district.html",
        {
            "election": election,
            "district": district,
            "table": summaries.voter_table(election, district),
            "structured_data": json_ld(structured_data.breadcrumbs(trail, request)),
        },
    )


def subdistrict_or_404(district_slug, slug):
    """The kelurahan at this address; under another kecamatan's address it does not exist."""
    subdistrict = get_object_or_404(Subdistrict.objects.select_related("district"), slug=slug)
    if subdistrict.district.slug != district_slug:
        raise Http404("This kelurahan is in another kecamatan.")
    return subdistrict


@require_safe
@public_page
def subdistrict_detail(request, district, subdistrict):
    election = featured_election()
    subdistrict = subdistrict_or_404(district, subdistrict)
    counts = VoterCount.objects.filter(election=election, subdistrict=subdistrict)
    stations = PollingStation.objects.filter(election=election, subdistrict=subdistrict).order_by("number")
    return render(
        request,
        "elections/subdistrict.html",
        {
            "election": election,
            "subdistrict": subdistrict,
            "district": subdistrict.district,
            "counts": sorted(counts, key=lambda c: summaries.LIST_ORDER.index(c.list_stage)),
            "stations": stations,
            "structured_data": json_ld(
                structured_data.breadcrumbs(
                    [
                        (_("Voters"), reverse("elections:voters")),
                        (subdistrict.district.name, subdistrict.district.get_absolute_url()),
                        (subdistrict.name, subdistrict.get_absolute_url()),
                    ],
                    request,
                )
            ),
        },
    )


@require_safe
@public_page
def subdistrict_print(request, district, subdistrict):
    """A one-page A4 notice for the RT board: when, where, who is on the ballot, how to report."""
    from candidates.views import contests as contests_with_pairs

    election = featured_election()
    subdistrict = subdistrict_or_404(district, subdistrict)
    page_url = absolute_url(subdistrict.get_absolute_url(), request)
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
            "city_dpt": VoterCount.objects.filter(election=election, list_stage=VoterCount.ListStage.DPT)
            .city()
            .first(),
            "contests": contests_with_pairs().filter(election=election),
            "page_url": page_url,
            "bawaslu": settings.PORTAL_BAWASLU,
            "contacts_url": absolute_url(reverse("guide:how-to-vote") + "#kontak-penyelenggara", request),
            "qr_svg": qr.svg_inline(dark="#000", light="#fff", svgclass="qr", lineclass=None, omitsize=True),
            "printed_on": local_today(),
        },
    )


@require_safe
@public_page
def results(request):
    election = featured_election()
    contests = summaries.contest_results(election)
    # Participation is the city's own contest: the mayoral race has a ballot for every city voter.
    city = next((c for c in contests if c.contest.level == c.contest.Level.CITY), None)
    return render(
        request,
        "elections/results.html",
        {"election": election, "contests": contests, "participation": city},
    )
