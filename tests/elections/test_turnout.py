"""Turnout as KPU announced it, shown beside the turnout the portal computes from the tally."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from candidates.models import Candidate, CandidatePair
from elections.models import Result, ResultVote, Turnout

from .conftest import count

pytestmark = pytest.mark.django_db


@pytest.fixture
def tally(election, contest):
    """A city result of 299,145 valid and 16,278 invalid votes against a DPT of 520,986."""
    count(election, 520986, list_stage="DPT", polling_stations=996)
    result = Result.objects.create(
        contest=contest, invalid_votes=16278, source="SK KPU contoh", as_of=date(2024, 12, 6)
    )
    for number, votes in ((1, 200000), (2, 99145)):
        pair = CandidatePair.objects.create(
            contest=contest, ballot_number=number, source="Contoh", as_of=date(2024, 9, 23)
        )
        Candidate.objects.create(pair=pair, role="head", full_name=f"Contoh Kepala {number}")
        Candidate.objects.create(pair=pair, role="deputy", full_name=f"Contoh Wakil {number}")
        ResultVote.objects.create(result=result, pair=pair, votes=votes)
    return result


def announce(contest, ballots_cast=315424, **fields):
    return Turnout.objects.create(
        contest=contest,
        percent=Decimal("60.53"),
        ballots_cast=ballots_cast,
        registered=520986,
        source="Komisioner KPU contoh (dilaporkan berita.example)",
        source_url="https://berita.example/partisipasi",
        as_of=date(2024, 12, 9),
        **fields,
    )


def results_page(client, lang="id"):
    with translation.override(lang):
        url = reverse("results")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split('id="participation"')[1].split("</section>")[0]


def test_the_announced_turnout_stands_beside_the_computed_one_with_its_source_and_date(
    client, contest, tally
):
    announce(contest, note_ind="Sumber tidak menyebut pemilihan mana.", note_en="The contest is not named.")

    html = results_page(client)

    assert "60,5 %" in html and "60,53 %" in html
    assert "315.424 dari 520.986 pemilih" in html
    assert '<a href="https://berita.example/partisipasi" rel="noopener">Komisioner KPU contoh' in html
    assert "9 Desember 2024" in html
    assert "Sumber tidak menyebut pemilihan mana." in html


def test_a_one_vote_gap_between_the_tally_and_the_announced_voters_is_stated_not_smoothed(
    client, contest, tally
):
    announce(contest)

    html = results_page(client, lang="en")

    assert "315,423 ballots were cast" in html  # the tally, as published
    assert "315,424 of 520,986 voters" in html  # KPU's figure, as published
    assert "gives 1 fewer than KPU's number of voters" in html
    assert "corrects neither" in html


def test_no_gap_sentence_when_the_figures_agree(client, contest, tally):
    announce(contest, ballots_cast=315423)

    html = results_page(client, lang="en")

    assert "315,423 of 520,986 voters" in html
    assert "fewer than" not in html and "more than" not in html


def test_without_an_announced_figure_only_the_computed_turnout_is_shown(client, contest, tally):
    html = results_page(client, lang="en")

    assert "60.5 %" in html
    assert "as KPU announced it" not in html


def test_more_voters_than_on_the_list_is_refused(contest):
    turnout = Turnout(
        contest=contest,
        percent=Decimal("60"),
        ballots_cast=600,
        registered=500,
        source="x",
        as_of=date(2024, 12, 9),
    )

    with pytest.raises(ValidationError):
        turnout.full_clean()


def test_a_contest_has_one_announced_city_turnout(contest):
    announce(contest)

    with pytest.raises(ValidationError):
        Turnout(
            contest=contest, percent=Decimal("61"), source="y", as_of=date(2024, 12, 10)
        ).validate_constraints()
