from datetime import datetime

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import structured_data
from core.clock import local_today
from core.markup import json_ld
from core.urlutils import absolute_url
from pagecache.store import public_page

from . import calendar, summaries
from .forms import FindTpsForm
from .links import area_path, election_path, permanent_url
from .models import ContestState, District, Election, PollingStation, Subdistrict, VoterCount, rts

KPU_VOTER_CHECK_URL = "https://cekdptonline.kpu.go.id/"


def featured_election():
    election = Election.objects.featured()
    if election is None:
        raise Http404("No election has been set up yet.")
    return election


def election_in_view(slug=None):
    """The election a page is about: the one at ``slug`` (its permanent address), or the current
    one (the short address). It knows the current one (``current``), for the links between them,
    and whether it is over, read in the same query."""
    elections = Election.objects.with_last_stage_end()
    current = elections.featured()
    if current is None:
        raise Http404("No election has been set up yet.")
    is_current = slug is None or slug == current.slug
    election = current if is_current else get_object_or_404(elections, slug=slug)
    election.current = current
    return election


def home_context():
    """What the home page shows about the election: the stage banner and the headline figures."""
    election = Election.objects.featured()
    if election is None:
        return {}
    election.current = election  # the home page links to the short addresses (elections.links)
    dpt = VoterCount.objects.city_dpt(election)
    contests = list(election.contests.all())
    timeline = summaries.timeline(election, local_today(), contests)
    between = {}
    if timeline.finished:
        # Between elections: what the last one decided, and how it ended (e.g. the inauguration).
        between = {"outcomes": summaries.outcomes([election]), "last_stage": timeline.stages[-1]}
    elif timeline.days_to_voting > 0:
        # A new election announced: the one before it, with its results, stays a click away.
        between = {"previous": Election.objects.before(election)}
    return {
        "election": election,
        "timeline": timeline,
        **between,
        "contest_notices": [contest for contest in contests if contest.has_notice],
        "city_dpt": dpt,
        "district_count": District.objects.count(),
        "subdistrict_count": Subdistrict.objects.count(),
    }


@require_safe
@public_page
def schedule(request, election=None):
    election = election_in_view(election)
    contests = list(election.contests.all())
    timeline = summaries.timeline(election, local_today(), contests)
    debates = summaries.debates(election)
    notices = [contest for contest in contests if contest.has_notice]
    events = structured_data.schedule_events(
        election,
        timeline.stages,
        absolute_url(election_path(election, "schedule"), request),
        debates=[debate for group in debates for debate in group.debates],
        contests=[event for contest in notices if (event := contest_event(contest, request))],
        voting_cancelled=election.nothing_voted_on_the_day(contests),
    )
    return render(
        request,
        "elections/schedule.html",
        {
            "election": election,
            "timeline": timeline,
            "debates": debates,
            "contest_notices": notices,
            "subscription": calendar.subscription(request, election),
            "structured_data": json_ld(events),
            "canonical_url": permanent_url(request, election, "schedule"),
        },
    )


def contest_event(contest, request):
    """A postponed contest (rescheduled, or postponed until a day is set), a cancelled one, or a
    re-vote or repeat election (an event of its own) as schema.org sees it; None otherwise."""
    election = contest.election
    zone = timezone.get_default_timezone()
    original = datetime.combine(election.voting_day, election.polls_open, tzinfo=zone)
    url = permanent_url(request, election, "schedule") + f"#state-{contest.slug}"
    name = f"{contest.get_state_display()}: {contest}"
    if contest.state == ContestState.CANCELLED:
        end = datetime.combine(election.voting_day, election.polls_close, tzinfo=zone)
        return structured_data.voting_event(
            name, original, end, url, status="EventCancelled", description=contest.state_explanation
        )
    if contest.state == ContestState.POSTPONED:
        day = contest.new_voting_day or election.voting_day
        status, previous = (
            ("EventRescheduled", original) if contest.new_voting_day else ("EventPostponed", None)
        )
    elif contest.revote_day:
        day, status, previous = contest.revote_day, "EventScheduled", None
    else:
        return None
    return structured_data.voting_event(
        name,
        datetime.combine(day, election.polls_open, tzinfo=zone),
        datetime.combine(day, election.polls_close, tzinfo=zone),
        url,
        status=status,
        previous_start=previous,
        description=contest.state_explanation,
    )


@require_safe
@public_page
def calendar_feed(request, election=None):
    election = election_in_view(election)
    body, last_modified = calendar.build(election, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}.ics"'
    # With the ETag of ConditionalGetMiddleware, lets a calendar app revalidate either way.
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


@require_safe
@public_page
def voters(request, election=None):
    election = election_in_view(election)
    return render(
        request,
        "elections/voters.html",
        {
            "election": election,
            "table": summaries.voter_table(election),
            "canonical_url": permanent_url(request, election, "voters"),
        },
    )


@require_safe
@public_page
def district_detail(request, district, election=None):
    election = election_in_view(election)
    district = get_object_or_404(District, slug=district)
    trail = [
        (_("Voters"), election_path(election, "voters")),
        (district.name, election_path(election, "district", district=district.slug)),
    ]
    return render(
        request,
        "elections/district.html",
        {
            "election": election,
            "district": district,
            "table": summaries.voter_table(election, district),
            "structured_data": json_ld(
                structured_data.graph(
                    structured_data.breadcrumbs(trail, request), place(election, district, request)
                )
            ),
            "canonical_url": permanent_url(request, election, "district", district=district.slug),
        },
    )


def place(election, area, request):
    """A kecamatan or kelurahan for structured data: its official codes, inside its kecamatan or
    the city, so indexes can join it with the Kemendagri and BPS tables."""
    within = place(election, area.district, request) if isinstance(area, Subdistrict) else None
    return structured_data.area(
        area.name, area_path(election, area), request, code=area.code, bps_code=area.bps_code, within=within
    )


def subdistrict_or_404(district_slug, slug):
    """The kelurahan at this address; under another kecamatan's address it does not exist."""
    subdistrict = get_object_or_404(Subdistrict.objects.select_related("district"), slug=slug)
    if subdistrict.district.slug != district_slug:
        raise Http404("This kelurahan is in another kecamatan.")
    return subdistrict


@require_safe
@public_page
def subdistrict_detail(request, district, subdistrict, election=None):
    election = election_in_view(election)
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
                structured_data.graph(
                    structured_data.breadcrumbs(
                        [
                            (_("Voters"), election_path(election, "voters")),
                            (subdistrict.district.name, area_path(election, subdistrict.district)),
                            (subdistrict.name, area_path(election, subdistrict)),
                        ],
                        request,
                    ),
                    place(election, subdistrict, request),
                )
            ),
            "canonical_url": permanent_url(
                request,
                election,
                "subdistrict",
                district=subdistrict.district.slug,
                subdistrict=subdistrict.slug,
            ),
        },
    )


@require_safe
@public_page(reads=("kelurahan", "rt"))
def find_tps(request, election=None):
    """The TPS that serve a reader's RT; KPU's own check by NIK decides, and the page says so.

    Without JavaScript it is two plain GET steps: the kelurahan (grouped by kecamatan) with the RT
    typed, or the kelurahan first and then its RT picked from the RTs on record. A choice the
    portal cannot answer (a kelurahan that does not exist, an RT no TPS serves) is shown with
    its reason and a 4xx status, so that the page cache keeps only real answers.
    """
    election = election_in_view(election)
    subdistricts = list(Subdistrict.objects.select_related("district").order_by("district__name", "name"))
    # Only its own parameters make a choice: a shared link's ?fbclid= is still the empty form.
    chosen = any(name in request.GET for name in FindTpsForm.base_fields)
    form = FindTpsForm(request.GET if chosen else None, subdistricts)
    context = {
        "election": election,
        "form": form,
        "kpu_check_url": KPU_VOTER_CHECK_URL,
        "status": 200,
        "canonical_url": permanent_url(request, election, "find-tps"),
    }
    if form.is_bound and not form.is_valid():
        unknown_place = "kelurahan" in form.errors and request.GET.get("kelurahan")
        context["status"] = 404 if unknown_place else 400
    elif form.is_bound:
        subdistrict, rt = form.cleaned_data["kelurahan"], form.cleaned_data["rt"]
        if rt is not None and request.GET.get("rt") != str(rt):
            # "005", "RT 5" and "005/003" are RT 5: one address, so one cached page, per answer.
            return redirect(f"{request.path}?{urlencode({'kelurahan': subdistrict.slug, 'rt': rt})}")
        stations = list(
            PollingStation.objects.filter(election=election, subdistrict=subdistrict).order_by("number")
        )
        known = sorted({number for station in stations for number in rts.every_rt(station.rt_ranges)})
        matches = [station for station in stations if rt is not None and station.serves(rt)]
        context.update(subdistrict=subdistrict, rt=rt, known_rts=known, stations=matches)
        if rt is not None and not matches:
            context["status"] = 404
    return render(request, "elections/find_tps.html", context, status=context["status"])


@require_safe
@public_page
def archive(request):
    """Every election the portal has covered, newest first, with its contests and outcome."""
    elections = list(Election.objects.with_last_stage_end().prefetch_related("contests"))
    for election in elections:
        election.current = elections[0]
    return render(
        request,
        "elections/archive.html",
        {"elections": elections, "outcomes": summaries.outcomes(elections)},
    )


@require_safe
@public_page
def overview(request, election):
    """One election at its permanent address: its day, contests and outcome, its pages, and
    the elections before and after it."""
    election = election_in_view(election)
    prefetch_related_objects([election], "contests")
    return render(
        request,
        "elections/overview.html",
        {
            "election": election,
            "outcomes": summaries.outcomes([election]),
            "previous": Election.objects.before(election),
            "canonical_url": permanent_url(request, election, "overview"),
        },
    )


@require_safe
@public_page
def results_history(request, election):
    """Every change to the election's published results: what, when (WITA) and why."""
    election = election_in_view(election)
    return render(
        request,
        "elections/results_history.html",
        {
            "election": election,
            "corrections": summaries.corrections(election),
            "canonical_url": permanent_url(request, election, "results-history"),
        },
    )
