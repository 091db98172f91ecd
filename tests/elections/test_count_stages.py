"""Results by stage of the count (issue 21): provisional (Sirekap), the kecamatan and city or
provincial recapitulations, after a ruling; the pages say which stage a figure comes from, whether
it is official, when KPU published it and how many TPS are in."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from candidates.models import CandidatePair
from elections.models import Contest, CountStage, District, Result, ResultVote

pytestmark = pytest.mark.django_db

MAYOR = "walikota-balikpapan-2024"
WITA = ZoneInfo("Asia/Makassar")


def page(client, path, language="id"):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def tally(stage, votes, district=None, **fields):
    contest = Contest.objects.get(slug=MAYOR)
    result = Result.objects.create(
        contest=contest,
        district=district,
        count_stage=stage,
        source="Sirekap KPU",
        as_of=date(2024, 11, 28),
        **fields,
    )
    for pair in CandidatePair.objects.filter(contest=contest).order_by("ballot_number"):
        ResultVote.objects.create(result=result, pair=pair, votes=votes[pair.ballot_number - 1])
    return result


@pytest.fixture
def election_night(demo):
    """The morning after voting day: only Sirekap's provisional count, 812 of 996 TPS in."""
    Result.objects.filter(contest__slug=MAYOR).delete()
    tally(
        CountStage.PROVISIONAL,
        [140000, 36000, 60000],
        stations_counted=812,
        stations_total=996,
        reported_at=datetime(2024, 11, 28, 9, 30, tzinfo=WITA),
    )


def test_the_official_results_say_their_stage_and_decision(client, demo):
    html = page(client, "/id/hasil/")
    english = page(client, "/en/hasil/", "en")

    assert (
        "Rekapitulasi tingkat kota (KPU Kota), resmi</strong> · SK KPU Kota Balikpapan No. 411/2024" in html
    )
    assert "Rekapitulasi tingkat provinsi (KPU Provinsi), resmi" in html
    assert "City recapitulation (KPU Kota), official" in english
    assert "sementara, bukan hasil resmi" not in html


def test_a_provisional_count_says_it_is_not_official_how_far_it_has_gone_and_when(client, election_night):
    html = page(client, "/id/hasil/")
    english = page(client, "/en/hasil/", "en")

    assert "Hitung sementara (Sirekap), tidak resmi" in html
    assert "TPS masuk: 812 dari 996 (81,5%)" in html or "TPS masuk: 812 dari 996 (81,5 %)" in html
    assert 'datetime="2024-11-28T09:30:00+08:00"' in html
    assert "Angka ini sementara, bukan hasil resmi" in html
    assert "These figures are provisional, not official" in english
    assert "140.000" in html


def test_a_count_in_progress_gives_no_turnout(client, election_night):
    html = page(client, "/en/hasil/", "en")

    participation = html.partition('id="participation"')[2].partition("</section>")[0]
    assert (
        'not yet available</span><span class="fact__label">turnout in 2024 computed by the portal'
        in participation
    )


def test_each_area_shows_its_furthest_stage(client, election_night):
    utara = District.objects.get(slug="balikpapan-utara")
    tally(
        CountStage.PROVISIONAL, [30000, 7000, 12000], district=utara, stations_counted=150, stations_total=210
    )
    tally(CountStage.KECAMATAN, [31000, 7500, 12500], district=utara, decision="Berita acara PPK")
    timur = District.objects.get(slug="balikpapan-timur")
    tally(
        CountStage.PROVISIONAL, [20000, 5000, 9000], district=timur, stations_counted=80, stations_total=160
    )

    html = page(client, "/id/hasil/")

    assert 'Balikpapan Utara</a> <span class="muted">(Rekapitulasi tingkat kecamatan (PPK))</span>' in html
    assert "31.000" in html and "30.000" not in html  # the recapitulation replaces the provisional count
    assert "Balikpapan Timur</a>" in html
    assert "TPS masuk: 80 dari 160" not in html  # the city's stage: no note on rows at the same stage


def test_a_later_stage_replaces_an_earlier_one_for_the_same_area(client, demo):
    tally(CountStage.AFTER_DISPUTE, [177000, 45000, 76000], decision="Putusan MK No. 0/2025")

    html = page(client, "/id/hasil/")

    assert "Setelah putusan Mahkamah Konstitusi, final</strong> · Putusan MK No. 0/2025" in html
    assert "177.000" in html and "177.290" not in html


def test_the_api_gives_the_stage_and_filters_by_it(client, election_night, committed):
    everything = client.get("/api/v1/results?contest=walikota-balikpapan-2024").json()["results"]
    provisional = client.get("/api/v1/results?count_stage=sementara").json()["results"]
    wrong = client.get("/api/v1/results?count_stage=final")

    (row,) = provisional
    assert len(everything) == 1
    with committed():  # a change reaches cached answers once committed
        tally(CountStage.CITY, [150000, 40000, 70000], decision="SK KPU Kota Balikpapan No. 411/2024")
    stages = [
        item["count_stage"]
        for item in client.get("/api/v1/results?contest=walikota-balikpapan-2024").json()["results"]
    ]
    assert stages == ["sementara", "rekap-kota"]  # in the count's order, not the codes' order
    assert row["count_stage"] == "sementara" and row["official"] is False
    assert row["stations_counted"] == 812 and row["stations_total"] == 996
    assert row["reported_at"] == "2024-11-28T09:30:00+08:00"
    assert wrong.status_code == 400 and wrong.json()["parameter"] == "count_stage"


def test_one_result_per_stage_and_area_and_never_more_tps_counted_than_exist(demo):
    with pytest.raises(IntegrityError), transaction.atomic():
        tally(CountStage.CITY, [1, 1, 1])
    result = Result(
        contest=Contest.objects.get(slug=MAYOR),
        count_stage=CountStage.PROVISIONAL,
        stations_counted=997,
        stations_total=996,
        source="Sirekap",
        as_of=date(2024, 11, 28),
    )

    with pytest.raises(ValidationError) as refused:
        result.full_clean()

    assert refused.value.messages == ["TPS yang masuk lebih banyak daripada TPS di wilayah ini."]
