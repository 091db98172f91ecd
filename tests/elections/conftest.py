from datetime import date

import pytest
from django.utils import translation
from django.utils.text import slugify

from elections.models import Contest, District, Election, Stage, Subdistrict, VoterCount

SCHEDULE = [
    # order, kind, name (id), name (en), start, end
    (
        1,
        Stage.Kind.VOTER_LIST,
        "Pemutakhiran daftar pemilih",
        "Updating the voter list",
        "2024-05-31",
        "2024-09-23",
    ),
    (2, Stage.Kind.CAMPAIGN, "Pelaksanaan kampanye", "Campaign period", "2024-09-25", "2024-11-23"),
    (3, Stage.Kind.QUIET_PERIOD, "Masa tenang", "Quiet period", "2024-11-24", "2024-11-26"),
    (4, Stage.Kind.VOTING, "Pemungutan suara", "Voting day", "2024-11-27", "2024-11-27"),
    (5, Stage.Kind.COUNTING, "Rekapitulasi", "Recapitulation", "2024-11-27", "2024-12-16"),
]


@pytest.fixture(autouse=True)
def _language():
    """Indonesian, the portal's default; a module overrides this fixture to test in English."""
    with translation.override("id"):
        yield


@pytest.fixture
def election(db):
    election = Election.objects.create(
        slug="pilkada-2024",
        name_ind="Pilkada Serentak 2024",
        name_en="2024 Regional Elections",
        voting_day=date(2024, 11, 27),
        polling_hours_source="PKPU 17/2024",
        participation_target_min=70,
        participation_target_max=80,
        previous_participation=60,
        previous_election_name="Pilkada 2020",
        participation_source="ANTARA Kaltim, 9 Oktober 2024",
    )
    for order, kind, name_id, name_en, start, end in SCHEDULE:
        Stage.objects.create(
            election=election,
            order=order,
            kind=kind,
            name_ind=name_id,
            name_en=name_en,
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
            source="PKPU 2/2024",
        )
    return election


@pytest.fixture
def contest(election):
    return Contest.objects.create(
        election=election,
        slug="walikota-contoh",
        office_ind="Wali Kota dan Wakil Wali Kota",
        office_en="Mayor and Deputy Mayor",
        area_name_ind="Kota Balikpapan",
        area_name_en="City of Balikpapan",
        level=Contest.Level.CITY,
        order=1,
    )


def build_areas(districts=2, subdistricts=2, prefix="Contoh"):
    created = []
    for d in range(1, districts + 1):
        district = District.objects.create(
            name=f"Kecamatan {prefix} {d}", slug=slugify(f"kecamatan {prefix} {d}")
        )
        for s in range(1, subdistricts + 1):
            name = f"Kelurahan {d}-{s}" if prefix == "Contoh" else f"Kelurahan {prefix} {d}-{s}"
            Subdistrict.objects.create(district=district, name=name, slug=slugify(name))
        created.append(district)
    return created


@pytest.fixture
def areas(db):
    return build_areas()


def count(election, total, list_stage="DPS", district=None, subdistrict=None, **extra):
    return VoterCount.objects.create(
        election=election,
        list_stage=list_stage,
        district=district,
        subdistrict=subdistrict,
        total=total,
        as_of=date(2024, 8, 11),
        source="Pleno KPU contoh",
        **extra,
    )
