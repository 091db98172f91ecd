import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from candidates.models import Candidate, CandidatePair

pytestmark = pytest.mark.django_db


def test_pairs_are_listed_in_ballot_number_order_whatever_order_they_were_entered(make_pair):
    for number in (3, 1, 2):
        make_pair(number)

    assert [p.ballot_number for p in CandidatePair.objects.all()] == [1, 2, 3]
    assert [p.ballot_number for p in CandidatePair.objects.for_cards()] == [1, 2, 3]


def test_a_ballot_number_is_unique_within_a_contest(make_pair):
    make_pair(1)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_pair(1)


def test_the_same_ballot_number_may_be_used_in_another_contest(make_pair, make_contest):
    make_pair(1)
    governor = make_contest(slug="gubernur-contoh", order=2, level="provinsi")

    make_pair(1, in_contest=governor)

    assert CandidatePair.objects.filter(ballot_number=1).count() == 2


def test_a_duplicate_ballot_number_gets_a_friendly_message_before_the_database(make_pair, contest):
    make_pair(1)
    duplicate = CandidatePair(contest=contest, ballot_number=1, source="Contoh", as_of="2024-09-23")

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()

        assert (
            "Another pair in this contest already has this number."
            in error.value.message_dict["ballot_number"]
        )


def test_ballot_numbers_start_at_one(contest):
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidatePair.objects.create(contest=contest, ballot_number=0, source="Contoh", as_of="2024-09-23")


def test_a_pair_has_one_head_and_one_deputy_at_most(make_pair):
    pair = make_pair(1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.create(pair=pair, role=Candidate.Role.HEAD, full_name="Contoh Calon Lain")


def test_the_head_comes_first_and_names_read_as_a_pair(make_pair):
    pair = make_pair(1)

    assert [c.role for c in pair.ordered_candidates()] == ["head", "deputy"]
    assert pair.names == "Contoh Calon Satu & Contoh Wakil Satu"
    assert str(pair) == "1. Contoh Calon Satu – Contoh Wakil Satu"


def test_the_slug_is_made_from_both_names(make_pair):
    pair = make_pair(1)
    pair.slug = ""

    pair.refresh_slug()

    assert pair.slug == "contoh-calon-satu-contoh-wakil-satu"


def test_the_address_of_a_pair_has_contest_number_and_slug(make_pair):
    pair = make_pair(2)

    with translation.override("en"):
        assert pair.get_absolute_url() == "/en/calon/walikota-contoh/2/contoh-calon-dua-contoh-wakil-dua/"


def test_mission_education_and_career_are_read_one_entry_per_line(make_pair):
    pair = make_pair(1, mission="1. Misi contoh pertama\n\n- Misi contoh kedua\n")
    head = pair.ordered_candidates()[0]
    head.education = "S2 Contoh\n• S1 Contoh"
    head.career = ""

    assert pair.mission_points == ["1. Misi contoh pertama", "Misi contoh kedua"]
    assert head.education_entries == ["S2 Contoh", "S1 Contoh"]
    assert head.career_entries == []


def test_initials_take_the_first_letters_of_the_first_two_words():
    assert Candidate(full_name="Contoh Calon Satu").initials == "CC"
    assert Candidate(full_name="muhammad sa'bani").initials == "MS"


@pytest.mark.parametrize(
    ("level", "role", "title"),
    [
        ("kota", "head", "Calon Wali Kota"),
        ("kota", "deputy", "Calon Wakil Wali Kota"),
        ("provinsi", "head", "Calon Gubernur"),
        ("provinsi", "deputy", "Calon Wakil Gubernur"),
    ],
)
def test_a_candidate_is_titled_by_the_office_of_the_contest(make_pair, make_contest, level, role, title):
    pair = make_pair(1, in_contest=make_contest(slug=f"contoh-{level}", level=level))
    candidate = pair.candidates.get(role=role)

    with translation.override("id"):
        assert str(candidate.title) == title


def test_a_photo_needs_an_indonesian_description(make_pair, photo_upload):
    candidate = make_pair(1).candidates.get(role="head")
    candidate.photo = photo_upload()

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            candidate.full_clean()

        assert error.value.message_dict == {
            "photo_alt_ind": ["Describe the photo for readers who cannot see it."]
        }
