"""The elections part of the demo: Balikpapan's schedule with its own dates, the debates, the area
codes, the city DPT by sex and KPU's announced turnout, each with its source, loaded idempotently.
"""

from datetime import date, time
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps

from core.datafiles import read_csv
from elections import demo, summaries
from elections.models import Debate, District, Election, Stage, Subdistrict, Turnout, VoterCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    demo.load(StringIO())
    return Election.objects.get(slug="pilkada-2024")


def history_rows():
    return {
        model._meta.label: model.history.count()
        for model in apps.get_app_config("elections").get_models()
        if hasattr(model, "history")
    }


def test_loading_twice_changes_nothing_and_adds_no_history(loaded):
    before = history_rows()

    output = StringIO()
    demo.load(output)

    assert history_rows() == before
    assert "6 debates" in output.getvalue()


# Debates --------------------------------------------------------------------------------------


def test_the_six_debates_are_loaded_with_their_sources(loaded):
    debates = Debate.objects.for_schedule(loaded)

    assert [(d.contest.slug, d.number) for d in debates] == [
        ("walikota-balikpapan-2024", 1),
        ("walikota-balikpapan-2024", 2),
        ("walikota-balikpapan-2024", 3),
        ("gubernur-kaltim-2024", 1),
        ("gubernur-kaltim-2024", 2),
        ("gubernur-kaltim-2024", 3),
    ]
    for debate in debates:
        assert debate.source_url.startswith("https://") and debate.source_date
        assert debate.theme_ind and debate.theme_en and debate.venue_ind
        assert "netlify" not in debate.source_url  # the original address, not the stored mirror


def test_the_moved_mayoral_debate_and_the_disputed_governor_start_are_in_the_notes(loaded):
    moved = Debate.objects.get(contest__slug="walikota-balikpapan-2024", number=3)
    disputed = Debate.objects.get(contest__slug="gubernur-kaltim-2024", number=1)

    assert moved.date == date(2024, 11, 22) and (moved.start_time, moved.end_time) == (time(20), time(22, 30))
    assert "18 November 2024" in moved.note_ind and "22 November 2024" in moved.note_en
    assert disputed.start_time == time(19, 30)
    assert "19.30 WITA" in disputed.note_ind and "20.00 WITA" in disputed.note_ind
    assert "20:00 WITA" in disputed.note_en


def test_debates_without_a_published_time_have_none(loaded):
    untimed = Debate.objects.filter(start_time__isnull=True)

    assert {(d.contest.slug, d.number) for d in untimed} == {
        ("walikota-balikpapan-2024", 2),
        ("gubernur-kaltim-2024", 2),
        ("gubernur-kaltim-2024", 3),
    }


# Schedule -------------------------------------------------------------------------------------


def test_balikpapans_own_dates_join_the_national_stages_in_a_unique_order(loaded):
    stages = list(Stage.objects.filter(election=loaded).order_by("order"))

    assert [stage.order for stage in stages] == list(range(1, 21))
    plenary = Stage.objects.get(election=loaded, name_ind="Rapat pleno penetapan DPT Kota Balikpapan")
    assert (plenary.start, plenary.kind) == (date(2024, 9, 19), Stage.Kind.VOTER_LIST)
    assert plenary.source_url == "https://prokaltim.com/?p=27164"
    recaps = Stage.objects.filter(election=loaded, name_ind__startswith="Rekapitulasi tingkat")
    assert {stage.kind for stage in recaps} == {Stage.Kind.COUNTING}
    assert recaps.count() == 3
    inauguration = stages[-1]
    assert (inauguration.start, inauguration.end) == (date(2025, 2, 20), date(2025, 2, 20))
    assert "kaltimkece.id" in inauguration.source
    assert inauguration.source_url.startswith("https://kaltimkece.id/")
    registration = Stage.objects.get(election=loaded, name_ind="Pendaftaran pasangan calon")
    assert "29 Agustus 2024" in registration.description_ind and "kaltim.suara.com" in registration.source
    assert all(stage.source for stage in stages)


@pytest.mark.parametrize(
    ("day", "banner"),
    [
        (date(2024, 9, 19), Stage.Kind.VOTER_LIST),
        (date(2024, 10, 23), Stage.Kind.CAMPAIGN),
        (date(2024, 11, 25), Stage.Kind.QUIET_PERIOD),
        (date(2024, 11, 27), Stage.Kind.VOTING),
        (date(2024, 12, 3), Stage.Kind.COUNTING),
        # Counted, not yet in office: the inauguration is still to come.
        (date(2024, 12, 17), Stage.Kind.OTHER),
        (date(2025, 2, 21), "finished"),
    ],
)
def test_the_home_banner_follows_the_stages_that_matter_on_each_day(loaded, day, banner):
    assert summaries.timeline(loaded, day).banner_kind == banner


# Areas ----------------------------------------------------------------------------------------


def test_every_kecamatan_and_kelurahan_has_its_kemendagri_and_bps_code(loaded):
    districts = list(District.objects.all())
    subdistricts = list(Subdistrict.objects.select_related("district"))

    assert len(districts) == 6 and len(subdistricts) == 34
    assert all(d.code.startswith("64.71.") and d.bps_code.startswith("6471") for d in districts)
    for subdistrict in subdistricts:
        assert subdistrict.code.startswith(subdistrict.district.code + ".")
        assert subdistrict.bps_code.startswith(subdistrict.district.bps_code)
    assert len({s.code for s in subdistricts}) == len({s.bps_code for s in subdistricts}) == 34
    assert District.objects.get(name="Balikpapan Utara").code == "64.71.03"
    assert Subdistrict.objects.get(name="Damai").code == "64.71.06.1005"
    assert Subdistrict.objects.get(name="Margasari").bps_code == "6471050002"


# Figures --------------------------------------------------------------------------------------


def test_the_city_dpt_is_split_by_sex_with_both_sources_named(loaded):
    dpt = VoterCount.objects.city().get(election=loaded, list_stage="DPT")

    assert (dpt.total, dpt.male, dpt.female) == (520986, 261555, 259431)
    assert "Rapat pleno penetapan DPT KPU Kota Balikpapan" in dpt.source and "Bawaslu" in dpt.source
    assert dpt.source_url.startswith("https://balikpapan.bawaslu.go.id/")


def test_kpus_announced_turnout_is_kept_with_its_source(loaded):
    turnout = Turnout.objects.get(contest__slug="walikota-balikpapan-2024", district__isnull=True)

    assert (turnout.percent, turnout.ballots_cast, turnout.registered) == (Decimal("60.53"), 315424, 520986)
    assert "lintasraya.com" in turnout.source and turnout.as_of == date(2024, 12, 9)
    assert turnout.note_en


def test_the_citys_codes_in_the_settings_are_those_of_the_published_list(settings):
    (city,) = [row for row in read_csv("area_codes.csv") if row["level"] == "city"]

    assert (
        city["kemendagri_code"],
        city["bps_code"],
    ) == (settings.PORTAL_CITY_CODE, settings.PORTAL_CITY_BPS_CODE)
