"""Contests whose ballot carries parties and their candidate lists (DPRD in a Pemilu, issue 21):
entered in the admin, shown per electoral district in ballot order, never mixed with pairs."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.models import CandidatePair, ListCandidate, Party, PartyList
from elections.models import Contest
from tests.support.elections import add_newer_election

pytestmark = pytest.mark.django_db

# Made-up parties and names: test data about no real list.
SOURCE = "Uji: DCT contoh"


@pytest.fixture
def council(demo):
    election = add_newer_election(slug="pemilu-2029", name="Pemilu 2029")
    contest = Contest.objects.create(
        election=election,
        slug="dprd-balikpapan-2029",
        office="Anggota DPRD",
        area_name="Kota Balikpapan",
        level=Contest.Level.CITY,
        ballot=Contest.Ballot.PARTY_LISTS,
        order=2,
    )
    for number, abbreviation in ((4, "PCA"), (1, "PCB")):
        party = Party.objects.create(name=f"Partai Contoh {abbreviation}", abbreviation=abbreviation)
        for district in ("Balikpapan 2", "Balikpapan 1"):
            party_list = PartyList.objects.create(
                contest=contest,
                electoral_district=district,
                party=party,
                ballot_number=number,
                source=SOURCE,
                as_of=date(2028, 11, 3),
            )
            for position, gender in ((2, "P"), (1, "L")):
                ListCandidate.objects.create(
                    party_list=party_list,
                    number=position,
                    full_name=f"Calon Contoh {abbreviation} {district[-1]}-{position}",
                    gender=gender,
                )
    return contest


def test_the_contest_page_lists_each_district_then_parties_and_candidates_in_ballot_order(client, council):
    html = " ".join(client.get(council.get_absolute_url()).content.decode().split())

    order = [
        "Daerah pemilihan Balikpapan 1",
        "1. Partai Contoh PCB",
        "Calon Contoh PCB 1-1",
        "Calon Contoh PCB 1-2",
        "4. Partai Contoh PCA",
        "Daerah pemilihan Balikpapan 2",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "(Perempuan)" in html and SOURCE in html


def test_the_page_runs_a_fixed_number_of_queries(client, council, django_assert_num_queries):
    with django_assert_num_queries(4):  # the contest, its (no) pairs, the lists, their candidates
        assert client.get(council.get_absolute_url()).status_code == 200
    more = PartyList.objects.create(
        contest=council,
        electoral_district="Balikpapan 3",
        party=Party.objects.first(),
        ballot_number=1,
        source=SOURCE,
        as_of=date(2028, 11, 3),
    )
    ListCandidate.objects.create(party_list=more, number=1, full_name="Calon Contoh Baru", gender="L")
    cache.clear()
    with django_assert_num_queries(4):
        assert client.get(council.get_absolute_url()).status_code == 200


def test_lists_and_pairs_never_mix(council):
    mayor = Contest.objects.get(slug="walikota-balikpapan-2024")
    wrong_list = PartyList(
        contest=mayor,
        electoral_district="Balikpapan 1",
        party=Party.objects.first(),
        ballot_number=9,
        source=SOURCE,
        as_of=date(2028, 11, 3),
    )
    wrong_pair = CandidatePair(contest=council, ballot_number=1)

    with pytest.raises(ValidationError) as list_refused:
        wrong_list.full_clean()
    with pytest.raises(ValidationError) as pair_refused:
        wrong_pair.full_clean()

    assert "contest" in list_refused.value.message_dict
    assert "contest" in pair_refused.value.message_dict


def test_staff_enter_a_party_list_in_the_admin(admin_client, council):
    party = Party.objects.get(abbreviation="PCA")
    response = admin_client.post(
        reverse("admin:candidates_partylist_add"),
        {
            "contest": council.pk,
            "electoral_district": "Balikpapan 4",
            "party": party.pk,
            "ballot_number": 4,
            "source": SOURCE,
            "source_url": "",
            "as_of": "03-11-2028",
            "candidates-TOTAL_FORMS": 1,
            "candidates-INITIAL_FORMS": 0,
            "candidates-MIN_NUM_FORMS": 0,
            "candidates-MAX_NUM_FORMS": 1000,
            "candidates-0-number": 1,
            "candidates-0-full_name": "Calon Contoh Admin",
            "candidates-0-gender": "P",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        ListCandidate.objects.get(full_name="Calon Contoh Admin").party_list.electoral_district
        == "Balikpapan 4"
    )
