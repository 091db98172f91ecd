"""The demo loader: the real pairs from data/pilkada-balikpapan-2024, nothing invented about them."""

import io
from datetime import date

import pytest
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import translation

from candidates import demo
from candidates.models import Background, Candidate, CandidatePair, Party, Programme, Theme
from core.datafiles import read_csv

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
        # The official texts submitted to KPU were not found: they stay empty.
        assert not (pair.vision_ind or pair.mission_ind or pair.vision_en or pair.mission_en)
        assert not pair.documents.exists()
    for candidate in Candidate.objects.all():
        assert not candidate.photo and not candidate.birth_place and candidate.birth_date is None
        assert not candidate.education_ind and not candidate.career_ind
    for entry in [*Programme.objects.all(), *Background.objects.all()]:
        assert entry.source and entry.source_url.startswith("http") and entry.as_of
        assert entry.source in entry.source_url and not entry.source.startswith("www.")


def counts(contest, number):
    pair = CandidatePair.objects.get(contest__slug=contest, ballot_number=number)
    return [pair.programmes.filter(kind=kind).count() for kind in Programme.Kind.values]


def test_the_demo_loads_the_54_published_points_of_the_five_pairs(real_contests):
    assert "54 points" in load()

    # Vision, mission and programme points per pair, as in the notes on the sources.
    assert counts("walikota-balikpapan-2024", 1) == [1, 6, 6]
    assert counts("walikota-balikpapan-2024", 2) == [1, 5, 4]
    assert counts("walikota-balikpapan-2024", 3) == [1, 1, 8]
    assert counts("gubernur-kaltim-2024", 1) == [1, 5, 3]
    assert counts("gubernur-kaltim-2024", 2) == [1, 6, 5]
    with translation.override("en"):
        missions = CandidatePair.objects.get(
            contest__slug="walikota-balikpapan-2024", ballot_number=1
        ).programmes.filter(kind="mission")
        assert [m.title[:10] for m in missions][1:3] == ["Mission 1:", "Mission 2:"]


def test_each_point_keeps_its_date_paraphrase_in_both_languages_and_note(real_contests):
    load()

    early = Programme.objects.filter(as_of=date(2024, 5, 26))
    assert early.count() == 3
    for point in early:
        assert point.pair.candidates.get(role="head").full_name == "Muhammad Sa'bani"
        assert point.note_en == "Stated by Muhammad Sa'bani in May 2024, before the pair was formed."
        assert point.note_ind.startswith("Disampaikan Muhammad Sa'bani pada Mei 2024")
        assert point.title_ind and point.title_en and point.title_ind != point.title_en
        assert point.source == "kaltim.tribunnews.com"


def test_the_themes_of_the_sources_map_onto_the_portals_themes(real_contests):
    load()

    themes = dict(Programme.objects.order_by().values_list("theme__slug").annotate(n=Count("pk")))
    assert themes["tata-kelola-pemerintahan"] == 10 and themes["sosial"] == 8
    # The one point its compilers could not place stays apart, not guessed into a theme.
    (other,) = Programme.objects.filter(theme__slug="lainnya")
    assert other.title_en == "Improve traffic and transport management in the city."
    assert sum(themes.values()) == 54


def test_the_demo_loads_the_18_reported_backgrounds_under_each_person(real_contests):
    assert "18 backgrounds" in load()

    for pair in CandidatePair.objects.prefetch_related("candidates", "backgrounds"):
        for candidate in pair.candidates.all():
            assert candidate.reported_background, candidate
    isran = Candidate.objects.get(full_name="Isran Noor")
    (entry,) = isran.reported_background
    assert entry.text_en.startswith("Governor of East Kalimantan 2018-2023")
    assert entry.as_of == date(2024, 10, 2) and entry.source == "akselerasi.id"


def test_the_demo_explains_why_three_pairs_have_a_shorter_record(real_contests):
    load()

    explained = CandidatePair.objects.exclude(record_note_ind="").exclude(record_note_ind=None)
    assert sorted((p.contest.slug, p.ballot_number) for p in explained) == [
        ("gubernur-kaltim-2024", 1),
        ("walikota-balikpapan-2024", 2),
        ("walikota-balikpapan-2024", 3),
    ]
    assert all(pair.record_note_en for pair in explained)
    shorter = CandidatePair.objects.with_record().filter(pk__in=explained)
    assert all(pair.record_is_thinner for pair in shorter)


def test_the_demo_adds_the_comparison_themes_in_both_languages(real_contests):
    load()

    assert [(t.name_ind, t.name_en) for t in Theme.objects.all()] == [
        ("Pendidikan", "Education"),
        ("Kesehatan", "Health"),
        ("Infrastruktur", "Infrastructure"),
        ("Ekonomi", "Economy"),
        ("Lingkungan", "Environment"),
        ("Tata kelola pemerintahan", "Governance"),
        ("Sosial", "Social"),
        ("Lainnya", "Other"),
    ]


def test_loading_the_demo_twice_changes_nothing(real_contests):
    models = (CandidatePair, Candidate, Party, Theme, Programme, Background)
    load()
    snapshot = {model: (model.objects.count(), model.history.count()) for model in models}

    load()

    assert snapshot == {model: (model.objects.count(), model.history.count()) for model in models}


def test_an_unknown_theme_in_programmes_csv_is_refused_with_its_line(real_contests, monkeypatch):
    rows = read_csv("programmes.csv")
    rows[3]["theme"] = "theme"
    monkeypatch.setattr(demo, "read_csv", lambda name: rows if name == "programmes.csv" else read_csv(name))

    with pytest.raises(CommandError, match="programmes.csv line 5: unknown theme"):
        load()


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
