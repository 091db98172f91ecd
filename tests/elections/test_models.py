from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from elections.models import District, Election, Stage, VoterCount
from elections.models.plausibility import election_findings

from .conftest import count

WITA = ZoneInfo("Asia/Makassar")
pytestmark = pytest.mark.django_db


def findings(counts):
    districts = {d.pk: d for d in District.objects.prefetch_related("subdistricts")}
    return [finding.message for finding in election_findings(counts, districts)]


def test_a_stage_cannot_end_before_it_starts(election):
    stage = Stage(
        election=election, order=9, name="Salah", start=date(2024, 9, 2), end=date(2024, 9, 1), source="x"
    )

    with pytest.raises(ValidationError, match="tidak boleh berakhir sebelum dimulai"):
        stage.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stage.save()


def test_stage_order_is_unique_within_an_election(election):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(
            election=election, order=1, name="Dobel", start=date(2024, 1, 1), end=date(2024, 1, 1), source="x"
        )


@pytest.mark.parametrize(
    ("moment", "current"),
    [
        (datetime(2024, 11, 23, 23, 59, tzinfo=WITA), ["Pelaksanaan kampanye"]),
        (datetime(2024, 11, 24, 0, 1, tzinfo=WITA), ["Masa tenang"]),
        (datetime(2024, 11, 27, 8, 0, tzinfo=WITA), ["Pemungutan suara", "Rekapitulasi"]),
        (datetime(2024, 12, 20, 12, 0, tzinfo=WITA), []),
    ],
)
def test_current_stages_follow_the_calendar_day_in_wita(election, moment, current):
    assert [s.name for s in Stage.objects.current(at=moment)] == current


def test_current_uses_wita_not_utc(election):
    # 16:30 UTC on 23 November is already 00:30 on 24 November in Balikpapan.
    moment = datetime(2024, 11, 23, 16, 30, tzinfo=ZoneInfo("UTC"))

    assert [s.name for s in Stage.objects.current(at=moment)] == ["Masa tenang"]


def test_upcoming_and_past_split_the_schedule_around_a_moment(election):
    moment = datetime(2024, 11, 25, 12, 0, tzinfo=WITA)

    assert [s.order for s in Stage.objects.past(at=moment)] == [1, 2]
    assert [s.order for s in Stage.objects.upcoming(at=moment)] == [4, 5]


def test_participation_target_range_must_be_ordered(election):
    election.participation_target_min, election.participation_target_max = 80, 70

    with pytest.raises(ValidationError):
        election.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        election.save()


def test_featured_election_is_the_most_recent(election):
    Election.objects.create(slug="pilkada-2020", name_ind="Pilkada 2020", voting_day=date(2020, 12, 9))

    assert Election.objects.featured() == election


def test_male_and_female_must_add_up_to_the_total(election):
    with pytest.raises(IntegrityError), transaction.atomic():
        count(election, 100, male=60, female=50)


def test_a_part_can_never_exceed_the_total(election):
    figure = VoterCount(
        election=election, list_stage="DPS", total=100, male=120, as_of=date(2024, 8, 11), source="x"
    )

    with pytest.raises(ValidationError, match="lebih besar daripada total"):
        figure.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_one_city_figure_per_list_stage(election):
    count(election, 100)

    with pytest.raises(IntegrityError), transaction.atomic():
        count(election, 101)


def test_one_figure_per_kecamatan_and_list_stage(election, areas):
    count(election, 50, district=areas[0])
    count(election, 50, list_stage="DPT", district=areas[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        count(election, 51, district=areas[0])


def test_a_figure_belongs_to_one_area_level_only(election, areas):
    subdistrict = areas[0].subdistricts.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        count(election, 10, district=areas[0], subdistrict=subdistrict)


def test_complete_parts_must_add_up_to_the_whole(election, areas):
    city = count(election, 100)
    parts = [count(election, 40, district=areas[0]), count(election, 50, district=areas[1])]

    problems = findings([city, *parts])

    assert len(problems) == 1
    assert "90" in problems[0] and "100" in problems[0]


def test_incomplete_parts_are_not_compared(election, areas):
    city = count(election, 100)
    part = count(election, 40, district=areas[0])

    assert findings([city, part]) == []


def test_kelurahan_are_checked_against_their_kecamatan(election, areas):
    district = areas[0]
    whole = count(election, 30, district=district)
    parts = [count(election, 10, subdistrict=s) for s in district.subdistricts.all()]

    problems = findings([whole, *parts])

    assert len(problems) == 1 and district.name in problems[0]


def test_editing_a_total_that_no_longer_matches_its_parts_is_refused(election, areas):
    count(election, 40, district=areas[0])
    count(election, 60, district=areas[1])
    city = count(election, 100)
    city.total = 120

    with pytest.raises(ValidationError, match="berjumlah"):
        city.full_clean()


def test_a_figure_without_an_area_is_the_whole_city_and_parts_are_optional(election):
    figure = count(election, 520986, list_stage="DPT", polling_stations=996)

    assert figure.male is None and figure.area_name == "Seluruh kota"


def test_a_stage_is_past_current_or_upcoming_on_a_day_as_its_queryset_says(election):
    stage = Stage.objects.get(election=election, order=4)  # voting day, 27 November 2024

    states = [stage.state_on(date(2024, 11, day)) for day in (26, 27, 28)]

    assert states == ["upcoming", "current", "past"]
    noon = datetime(2024, 11, 27, 12, tzinfo=WITA)
    assert stage in Stage.objects.current(at=noon)


def test_the_city_dpt_is_the_city_figure_of_the_final_list(election, areas):
    count(election, 100, list_stage="DPS")
    count(election, 40, list_stage="DPT", district=areas[0])
    city = count(election, 98, list_stage="DPT")

    assert VoterCount.objects.city_dpt(election) == city
