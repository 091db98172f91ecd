from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import structured_data
from core.clock import local_today
from core.markup import json_ld
from pagecache.store import public_page

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
    dpt = VoterCount.objects.city_dpt(election)
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
