"""Public pages about the candidate pairs.

Pairs always appear in ballot-number order, never another: equal treatment matters on a
government portal. Every page runs a fixed number of queries, however many pairs there are.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.markup import json_ld
from core.structured_data import breadcrumbs
from elections.links import permanent_url
from elections.models import Contest, Election
from elections.views import election_in_view
from pagecache.store import public_page

from .models import Candidate, CandidatePair, PartyList, Theme
from .structured_data import pair_page


def contests(pairs=None):
    """Contests with their pairs (cards by default), in ballot order."""
    pairs = CandidatePair.objects.for_cards() if pairs is None else pairs
    return Contest.objects.prefetch_related(Prefetch("pairs", queryset=pairs))


def home_context():
    """What the home page shows about the candidates (three queries); see includes/_home.html.

    Only numbers and names: no parties or photos, and candidates ordered within their pair
    rather than by the default ordering, which joins pair, contest and election for nothing.
    """
    names = Candidate.objects.order_by("role").only("pair", "role", "full_name")
    pairs = (
        CandidatePair.objects.order_by("ballot_number")
        .only("contest", "ballot_number", "slug", "incumbent")
        .prefetch_related(Prefetch("candidates", queryset=names))
    )
    # The current election's contests: the one with the latest voting day.
    current = Election.objects.order_by("-voting_day").values("pk")[:1]
    return {"candidate_contests": contests(pairs).filter(election__in=current)}


def by_theme(themes, pairs):
    """Theme by theme, each pair with its programme points on it (an empty list when none are known)."""
    return [
        (theme, [(pair, [p for p in pair.reported_programmes if p.theme_id == theme.pk]) for pair in pairs])
        for theme in themes
    ]


@require_safe
@public_page
def index(request, election=None):
    """The pairs of every contest of an election: the current one at the short address."""
    election = election_in_view(election)
    return render(
        request,
        "candidates/index.html",
        {
            "election": election,
            "candidate_contests": contests().filter(election=election),
            "canonical_url": permanent_url(request, election, "candidates"),
        },
    )


@require_safe
@public_page
def contest(request, slug):
    contest = get_object_or_404(contests(), slug=slug)
    if contest.has_party_lists:
        # A council's ballot (DPRD): each party's list in each electoral district.
        lists = list(PartyList.objects.filter(contest=contest).for_page())
        districts = {}
        for party_list in lists:
            districts.setdefault(party_list.electoral_district, []).append(party_list)
        return render(request, "candidates/party_lists.html", {"contest": contest, "districts": districts})
    return render(request, "candidates/contest.html", {"contest": contest, "pairs": contest.pairs.all()})


@require_safe
@public_page
def compare(request, slug):
    contest = get_object_or_404(contests(CandidatePair.objects.for_comparison()), slug=slug)
    context = {"contest": contest, "pairs": contest.pairs.all(), "themes": Theme.objects.all()}
    return render(request, "candidates/compare.html", context)


@require_safe
@public_page
def compare_theme(request, slug, theme):
    """One theme, every pair's points on it side by side: a comparison that fits a phone's screens."""
    contest = get_object_or_404(contests(CandidatePair.objects.for_comparison()), slug=slug)
    themes = list(Theme.objects.all())
    chosen = next((each for each in themes if each.slug == theme), None)
    if chosen is None:
        raise Http404("No such theme.")
    pairs = contest.pairs.all()
    context = {
        "contest": contest,
        "themes": themes,
        "theme": chosen,
        "entries": by_theme([chosen], pairs)[0][1],
    }
    return render(request, "candidates/compare_theme.html", context)


@require_safe
@public_page
def pair(request, contest, number, slug=None):
    pair = get_object_or_404(CandidatePair.objects.for_page(), contest__slug=contest, ballot_number=number)
    if request.path != pair.get_absolute_url():
        # The slug is cosmetic: an old or mistyped one still finds the pair, at its canonical address.
        return redirect(pair, permanent=True)
    context = {
        "pair": pair,
        "themes": by_theme(Theme.objects.all(), [pair]),
        "structured_data": json_ld(
            [
                pair_page(pair, request),
                breadcrumbs(
                    [
                        (_("Candidate pairs"), reverse("candidates:index")),
                        (str(pair.contest), pair.contest.get_absolute_url()),
                        (pair.names, pair.get_absolute_url()),
                    ],
                    request,
                ),
            ]
        ),
    }
    return render(request, "candidates/pair.html", context)
