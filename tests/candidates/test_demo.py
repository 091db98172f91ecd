"""The demo loader: the real pairs from data/pilkada-balikpapan-2024, nothing invented about them."""

import io
from datetime import date

import pytest
from django.core.management.base import CommandError

from candidates import demo
from candidates.models import Candidate, CandidatePair, Party, Programme, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_contests(make_contest):
    """The two contests the elections demo creates, with the slugs candidates.csv uses."""
    return [
        make_contest(slug="walikota-balikpapan-2024", order=1, level="kota"),
        make_contest(slug="gubernur-kaltim-2024", order=2, level="provinsi"),
    ]


def load():
    output = io.StringIO()
    demo.load(output)
    return output.getvalue()


def parties_of(contest_slug, number):
    pair = CandidatePair.objects.get(contest__slug=contest_slug, ballot_number=number)
    return sorted(pair.parties.values_list("abbreviation", flat=True))


def test_the_demo_loads_three_mayoral_and_two_governor_pairs_in_ballot_order(real_contests):
    assert "5 pairs" in load()

    mayoral = CandidatePair.objects.filter(contest__slug="walikota-balikpapan-2024")
    governor = CandidatePair.objects.filter(contest__slug="gubernur-kaltim-2024")
    assert [p.names for p in mayoral] == [
        "Rahmad Mas'ud & Bagus Susetyo",
        "Rendi Susiswo Ismail & Eddy Sunardi Darmawan",
        "Muhammad Sa'bani & Syukri Wahid",
    ]
    assert [p.names for p in governor] == ["Isran Noor & Hadi Mulyadi", "Rudy Mas'ud & Seno Aji"]
    assert [p.incumbent for p in mayoral] == [True, False, False]
    assert not any(p.incumbent for p in governor)


def test_the_demo_pairs_have_the_parties_published_for_them(real_contests):
    load()

    assert parties_of("walikota-balikpapan-2024", 1) == sorted(
        ["Golkar", "Gerindra", "NasDem", "PKB", "PKS", "Hanura", "PPP", "PAN"]
    )
    assert parties_of("walikota-balikpapan-2024", 2) == sorted(
        ["PDI Perjuangan", "Partai Buruh", "PKN", "Partai Garuda", "Partai Ummat"]
    )
    assert parties_of("walikota-balikpapan-2024", 3) == sorted(
        ["Demokrat", "Gelora", "PBB", "PSI", "Perindo"]
    )
    assert len(parties_of("gubernur-kaltim-2024", 1)) == 6
    assert len(parties_of("gubernur-kaltim-2024", 2)) == 12
    assert Party.objects.get(abbreviation="PDI Perjuangan").name == "Partai Demokrasi Indonesia Perjuangan"


def test_the_demo_names_its_source_and_date_and_invents_nothing(real_contests):
    load()

    for pair in CandidatePair.objects.all():
        assert "KPU" in pair.source and "inews.id" in pair.source
        assert pair.as_of == date(2024, 9, 23)
        assert not (pair.vision_ind or pair.mission_ind or pair.vision_en or pair.mission_en)
        assert not pair.documents.exists()
    assert not Programme.objects.exists()
    for candidate in Candidate.objects.all():
        assert not candidate.photo and not candidate.birth_place and candidate.birth_date is None
        assert not candidate.education_ind and not candidate.career_ind


def test_the_demo_adds_the_six_comparison_themes_in_both_languages(real_contests):
    load()

    assert [(t.name_ind, t.name_en) for t in Theme.objects.all()] == [
        ("Pendidikan", "Education"),
        ("Kesehatan", "Health"),
        ("Infrastruktur", "Infrastructure"),
        ("Ekonomi", "Economy"),
        ("Lingkungan", "Environment"),
        ("Tata kelola pemerintahan", "Governance"),
    ]


def test_loading_the_demo_twice_changes_nothing(real_contests):
    load()
    snapshot = {
        model: (model.objects.count(), model.history.count())
        for model in (CandidatePair, Candidate, Party, Theme)
    }

    load()

    assert snapshot == {
        model: (model.objects.count(), model.history.count())
        for model in (CandidatePair, Candidate, Party, Theme)
    }


def test_loading_the_demo_keeps_what_staff_added(real_contests):
    load()
    pair = CandidatePair.objects.get(contest__slug="walikota-balikpapan-2024", ballot_number=1)
    pair.vision_ind = "Diisi staf dari dokumen resmi"
    pair.save()

    load()

    pair.refresh_from_db()
    assert pair.vision_ind == "Diisi staf dari dokumen resmi"


def test_the_demo_says_clearly_when_the_contests_are_missing(db):
    with pytest.raises(CommandError, match="walikota-balikpapan-2024"):
        load()

    assert not (CandidatePair.objects.exists() or Party.objects.exists() or Theme.objects.exists())
