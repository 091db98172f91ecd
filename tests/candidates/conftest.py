"""Fictional contests, parties and pairs: never the real candidates (see DESIGN.md, "Honesty")."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname as localized

from candidates.models import Background, Candidate, CandidatePair, Party, Programme, Theme
from elections.models import Contest, Election

from .photos import photo_bytes

NUMBER_WORDS = {1: "Satu", 2: "Dua", 3: "Tiga", 4: "Empat", 5: "Lima", 6: "Enam", 7: "Tujuh", 8: "Delapan"}


@pytest.fixture(autouse=True)
def _indonesian():
    """Code outside a request speaks the default language, whatever an earlier test left active."""
    with translation.override("id"):
        yield


def translated(name, indonesian, english):
    return {localized(name, "id"): indonesian, localized(name, "en"): english}


@pytest.fixture
def election(db):
    return Election.objects.create(
        slug="pilkada-contoh",
        **translated("name", "Pilkada Contoh", "Example Pilkada"),
        voting_day=date(2024, 11, 27),
    )


@pytest.fixture
def make_contest(election):
    def make(slug="walikota-contoh", order=1, level="kota"):
        return Contest.objects.create(
            election=election,
            slug=slug,
            order=order,
            level=level,
            **translated("office", "Wali Kota dan Wakil Wali Kota", "Mayor and Deputy Mayor"),
            **translated("area_name", "Kota Contoh", "Contoh City"),
        )

    return make


@pytest.fixture
def contest(make_contest):
    return make_contest()


@pytest.fixture
def themes(db):
    return [
        Theme.objects.create(slug="pendidikan", order=1, **translated("name", "Pendidikan", "Education")),
        Theme.objects.create(slug="kesehatan", order=2, **translated("name", "Kesehatan", "Health")),
        Theme.objects.create(slug="lingkungan", order=3, **translated("name", "Lingkungan", "Environment")),
    ]


@pytest.fixture
def parties(db):
    return [
        Party.objects.create(abbreviation="PCS", name="Partai Contoh Satu"),
        Party.objects.create(abbreviation="PCD", name="Partai Contoh Dua"),
    ]


@pytest.fixture
def make_pair(contest, parties):
    """A fictional pair with both candidates; keyword arguments set pair fields."""

    def make(number, in_contest=None, **fields):
        word = NUMBER_WORDS[number]
        pair = CandidatePair.objects.create(
            contest=in_contest or contest,
            ballot_number=number,
            slug=f"contoh-calon-{word.lower()}-contoh-wakil-{word.lower()}",
            source="Contoh: keputusan KPU fiktif untuk pengujian",
            as_of=date(2024, 9, 23),
            **fields,
        )
        Candidate.objects.create(pair=pair, role=Candidate.Role.HEAD, full_name=f"Contoh Calon {word}")
        Candidate.objects.create(pair=pair, role=Candidate.Role.DEPUTY, full_name=f"Contoh Wakil {word}")
        pair.parties.set(parties[: 1 + number % 2])
        return pair

    return make


SOURCE = {
    "source": "contoh.example",
    "source_url": "https://contoh.example/berita-1",
    "as_of": date(2024, 10, 23),
}


@pytest.fixture
def add_programme():
    """Adds a fictional sourced point (a programme unless kind= says otherwise)."""

    def add(pair, theme, title_id, title_en=None, order=0, **fields):
        return Programme.objects.create(
            pair=pair,
            theme=theme,
            order=order,
            **translated("title", title_id, title_en),
            **{**SOURCE, **fields},
        )

    return add


@pytest.fixture
def add_background():
    """Adds a fictional reported background for the head (or role=) of a pair."""

    def add(pair, text_id, text_en=None, role="head", order=0, **fields):
        return Background.objects.create(
            pair=pair, role=role, order=order, **translated("text", text_id, text_en), **{**SOURCE, **fields}
        )

    return add


@pytest.fixture
def photo_upload():
    def upload(name="potret.jpg", **options):
        return SimpleUploadedFile(name, photo_bytes(**options), content_type="image/jpeg")

    return upload
