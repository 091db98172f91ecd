"""Contest states (issue 21): one pair against the empty box, postponed, cancelled, a re-vote in
named TPS, a repeat election; each with its date, legal basis and explanation, shown on every page
about the contest, in the calendar, the schedule's structured data and the API, and never asking
voters to vote in a poll that is not happening."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from elections.models import Contest, ContestState, PollingStation, Result, Subdistrict
from tests.support.admin_forms import form_values
from tests.support.pages import structured_data

pytestmark = pytest.mark.django_db

MAYOR = "walikota-balikpapan-2024"
GOVERNOR = "gubernur-kaltim-2024"
RULING = "Putusan MK No. 99/PHPU.WAKO-XXIII/2025"


def station(number):
    return PollingStation.objects.create(
        election=Contest.objects.get(slug=MAYOR).election,
        subdistrict=Subdistrict.objects.get(slug="damai"),
        number=number,
        address="Jl. Contoh",
        source="Contoh",
        as_of=date(2024, 11, 1),
    )


def set_state(slug, state, **fields):
    contest = Contest.objects.get(slug=slug)
    contest.state = state
    contest.legal_basis = RULING
    contest.state_decided_on = date(2025, 2, 24)
    contest.state_explanation_ind = fields.pop("explanation_ind", "Penjelasan untuk pemilih.")
    contest.state_explanation_en = fields.pop("explanation_en", "What it means for voters.")
    stations = fields.pop("stations", [])
    for name, value in fields.items():
        setattr(contest, name, value)
    contest.full_clean()
    contest.save()
    contest.rerun_stations.set(stations)
    return contest


@pytest.fixture
def revote(demo):
    return set_state(
        MAYOR,
        ContestState.PARTIAL_RERUN,
        new_voting_day=date(2025, 4, 19),
        stations=[station(7), station(12)],
        explanation_ind="Pemilih di dua TPS Kelurahan Damai memilih lagi.",
        explanation_en="Voters at two TPS in Kelurahan Damai vote again.",
    )


def page(client, path, language="id"):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_a_state_voters_must_know_is_refused_without_its_reason_day_and_basis(demo):
    contest = Contest.objects.get(slug=MAYOR)
    contest.state = ContestState.POSTPONED

    with translation.override("id"):
        with pytest.raises(ValidationError) as refused:
            contest.full_clean()

        assert refused.value.message_dict == {
            "legal_basis": ["Sebutkan putusan atau keputusan yang mendasari status ini."],
            "state_explanation_ind": ["Jelaskan kepada pemilih arti status ini bagi mereka."],
        }
    with pytest.raises(IntegrityError), transaction.atomic():
        contest.save()


def test_a_revote_needs_its_day_and_a_day_never_outlives_its_state(demo):
    contest = Contest.objects.get(slug=MAYOR)
    contest.legal_basis = RULING
    contest.state_explanation_ind = "Penjelasan."
    contest.state = ContestState.PARTIAL_RERUN
    with translation.override("id"):
        with pytest.raises(ValidationError) as no_day:
            contest.full_clean()
        contest.state, contest.new_voting_day = ContestState.CONTESTED, date(2025, 4, 19)
        with pytest.raises(ValidationError) as stale_day:
            contest.full_clean()

        assert no_day.value.message_dict == {
            "new_voting_day": ["Isi hari pemilih memberikan suara dalam pemilihan ini."]
        }
        assert stale_day.value.message_dict == {
            "new_voting_day": ["Hanya pemilihan yang ditunda, PSU atau pemilihan ulang yang punya hari baru."]
        }
    with pytest.raises(IntegrityError), transaction.atomic():
        contest.save()


def test_a_postponement_before_its_new_day_is_set_says_so(client, demo):
    contest = set_state(MAYOR, ContestState.POSTPONED)

    html = page(client, f"/id/calon/{MAYOR}/")

    assert contest.voting_day is None and not contest.voted_on_election_day
    assert "Tidak dipilih pada hari pemungutan suara; hari pemungutan suara baru belum ditetapkan." in html


def test_a_new_voting_day_before_the_election_is_refused(demo):
    contest = Contest.objects.get(slug=MAYOR)
    contest.state = ContestState.FULL_RERUN
    contest.new_voting_day = date(2024, 11, 1)
    contest.legal_basis = RULING
    contest.state_explanation_ind = "Pemilihan ulang."

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            contest.full_clean()

        assert refused.value.message_dict["new_voting_day"] == [
            "The new voting day cannot come before the election's voting day."
        ]


def test_the_real_contests_of_2024_were_contested_and_show_no_notice(client, demo):
    assert set(Contest.objects.values_list("state", flat=True)) == {ContestState.CONTESTED}
    assert "banner--contest-state" not in page(client, f"/id/calon/{MAYOR}/")
    assert "banner--contest-state" not in page(client, "/id/jadwal/")


def test_every_page_about_a_revoted_contest_names_the_day_the_tps_and_the_ruling(client, revote):
    pair = revote.pairs.order_by("ballot_number").first()
    paths = [
        f"/id/calon/{MAYOR}/",
        pair.get_absolute_url(),
        f"/id/calon/{MAYOR}/banding/",
        "/id/calon/",
        "/id/hasil/",
        "/id/jadwal/",
        "/id/",
    ]

    for path in paths:
        html = page(client, path)
        assert "Pemungutan suara ulang di sebagian TPS (PSU): Wali Kota dan Wakil Wali Kota" in html, path
        assert "Pemilih di dua TPS Kelurahan Damai memilih lagi." in html, path
        assert "Hari pemungutan suara ulang: Sabtu, 19 April 2025" in html, path
        assert "TPS 007, Kelurahan Damai" in html and "TPS 012, Kelurahan Damai" in html, path
        assert f"Dasar hukum: {RULING} (24 Februari 2025)" in html, path
    english = page(client, f"/en/calon/{MAYOR}/", "en")
    assert "Re-vote in some TPS (PSU): Mayor and Deputy Mayor" in english
    assert "Day of the re-vote: Saturday, 19 April 2025" in english
    assert "Voters at two TPS in Kelurahan Damai vote again." in english
    assert "banner--contest-state" not in page(client, f"/id/calon/{GOVERNOR}/")


def test_a_cancelled_contest_says_no_vote_takes_place(client, demo):
    set_state(GOVERNOR, ContestState.CANCELLED)

    html = page(client, f"/id/calon/{GOVERNOR}/")
    english = page(client, f"/en/calon/{GOVERNOR}/", "en")

    assert "Dibatalkan: Gubernur dan Wakil Gubernur" in html
    assert "Tidak ada pemungutan suara untuk pemilihan ini." in html
    assert "No vote takes place in this contest." in english
    assert Contest.objects.get(slug=GOVERNOR).voting_day is None


def test_an_uncontested_contest_explains_the_empty_box_without_moving_voting_day(client, demo):
    contest = set_state(
        MAYOR, ContestState.UNCONTESTED, explanation_ind="Pilih pasangan calon atau kotak kosong."
    )

    html = page(client, f"/id/calon/{MAYOR}/")

    assert "Calon tunggal melawan kotak kosong: Wali Kota dan Wakil Wali Kota" in html
    assert "Pilih pasangan calon atau kotak kosong." in html
    assert "Hari pemungutan suara untuk pemilihan ini" not in html
    assert contest.voting_day == date(2024, 11, 27)


def calendar_events(client):
    return Calendar.from_ical(client.get("/id/jadwal/kalender.ics").content).walk("VEVENT")


def test_the_calendar_adds_the_revote_on_its_own_day_after_the_vote_that_took_place(client, revote):
    events = calendar_events(client)
    revotes = [event for event in events if "PSU" in str(event["SUMMARY"])]
    polls = next(event for event in events if str(event["SUMMARY"]) == "Memilih di TPS Anda")

    (event,) = revotes
    assert event.decoded("DTSTART").isoformat() == "2025-04-19T07:00:00+08:00"
    assert "TPS 007 Damai; TPS 012 Damai" in str(event["DESCRIPTION"])
    assert RULING in str(event["DESCRIPTION"])
    assert "Tidak dipilih pada hari ini" not in str(polls["DESCRIPTION"])  # the first vote took place
    assert "STATUS" not in polls and "STATUS" not in event


def test_the_calendar_cancels_voting_day_when_no_contest_is_voted_on_it(client, demo):
    set_state(MAYOR, ContestState.POSTPONED, new_voting_day=date(2025, 1, 15))
    set_state(GOVERNOR, ContestState.CANCELLED)

    events = calendar_events(client)
    polls = next(event for event in events if str(event["SUMMARY"]) == "Memilih di TPS Anda")
    cancelled = next(event for event in events if str(event["SUMMARY"]).startswith("Dibatalkan"))
    postponed = next(event for event in events if str(event["SUMMARY"]).startswith("Ditunda"))

    assert str(polls["STATUS"]) == "CANCELLED" and str(cancelled["STATUS"]) == "CANCELLED"
    assert postponed.decoded("DTSTART").date() == date(2025, 1, 15)
    assert "STATUS" not in postponed


def test_the_schedule_gives_search_engines_the_revote_and_a_rescheduled_contest(client, revote):
    set_state(GOVERNOR, ContestState.POSTPONED, new_voting_day=date(2025, 1, 15))

    events = structured_data(page(client, "/en/jadwal/", "en"))["@graph"]

    voting = events[0]
    (moved,) = [event for event in events if event.get("eventStatus", "").endswith("EventRescheduled")]
    (revote,) = [event for event in events if event["url"].endswith(f"#state-{MAYOR}")]
    assert voting["eventStatus"] == "https://schema.org/EventScheduled"  # the mayoral race is voted on
    assert moved["startDate"] == "2025-01-15T07:00:00+08:00"
    assert moved["previousStartDate"] == "2024-11-27T07:00:00+08:00"
    assert moved["url"].endswith(f"/en/pemilihan/pilkada-2024/jadwal/#state-{GOVERNOR}")
    assert revote["startDate"] == "2025-04-19T07:00:00+08:00" and "previousStartDate" not in revote


def test_the_api_gives_each_contest_its_state_day_basis_and_tps(client, revote):
    set_state(GOVERNOR, ContestState.CANCELLED)

    contests = {item["slug"]: item for item in client.get("/api/v1/contests").json()["results"]}
    csv = client.get("/api/v1/contests.csv").content.decode("utf-8-sig")

    mayor, governor = contests[MAYOR], contests[GOVERNOR]
    assert mayor["state"] == "partial-rerun" and mayor["voting_day"] == "2024-11-27"
    assert mayor["revote_day"] == "2025-04-19"
    assert mayor["rerun_tps"] == ["damai/7", "damai/12"]
    assert mayor["legal_basis"] == RULING and mayor["state_decided_on"] == "2025-02-24"
    assert governor["state"] == "cancelled" and governor["voting_day"] is None
    assert "partial-rerun" in csv and '"damai/7\ndamai/12"' in csv  # a list: one entry per line


def test_staff_set_a_state_in_the_admin_and_are_told_what_is_missing(admin_client, demo):
    contest = Contest.objects.get(slug=MAYOR)
    url = reverse("admin:elections_contest_change", args=[contest.pk])
    data = form_values(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode(), "contest_form")

    refused = admin_client.post(
        url, {**data, "state": "postponed", "_save": "Simpan"}, HTTP_ACCEPT_LANGUAGE="id"
    )
    saved = admin_client.post(
        url,
        {
            **data,
            "state": "postponed",
            "new_voting_day": "15-01-2025",
            "legal_basis": RULING,
            "state_explanation_ind": "Pemungutan suara ditunda.",
            "_save": "Simpan",
        },
        HTTP_ACCEPT_LANGUAGE="id",
    )

    assert refused.status_code == 200
    assert "Sebutkan putusan atau keputusan yang mendasari status ini." in refused.content.decode()
    assert saved.status_code == 302
    contest.refresh_from_db()
    assert contest.state == ContestState.POSTPONED and contest.voting_day == date(2025, 1, 15)


def test_on_voting_day_with_nothing_voted_the_home_page_does_not_call_voters_to_the_tps(
    client, demo, settings, committed
):
    settings.PORTAL_CLOCK = "2024-11-27T08:00+08:00"
    before = page(client, "/id/")
    with committed():  # a change reaches cached pages once committed
        set_state(MAYOR, ContestState.POSTPONED, new_voting_day=date(2025, 1, 15))
        set_state(GOVERNOR, ContestState.CANCELLED)

    after = page(client, "/id/")
    schedule = page(client, "/id/jadwal/")

    assert "Hari ini hari pemungutan suara" in before
    assert "Hari ini hari pemungutan suara" not in after and "vote-card" not in after
    assert "Ditunda: Wali Kota dan Wakil Wali Kota" in after and "Dibatalkan: Gubernur" in after
    assert "Tidak ada pemilihan yang dipilih pada 27 November 2024." in schedule


@pytest.fixture
def empty_box_won(demo):
    """A test-only outcome: the mayoral race as if one pair had stood against the empty box and
    lost to it, as in Pangkalpinang and Bangka in 2024 (the figures here are made up)."""
    contest = set_state(MAYOR, ContestState.UNCONTESTED)
    result = Result.objects.get(contest=contest, district__isnull=True, subdistrict__isnull=True)
    result.votes.exclude(pair__ballot_number=1).delete()
    result.empty_box_votes = result.votes.get().votes + 1000
    result.full_clean()
    result.save()
    return result


def test_the_results_count_the_empty_box_among_valid_votes(client, empty_box_won):
    pair_votes = empty_box_won.votes.get().votes

    html = " ".join(client.get("/id/hasil/").content.decode().split())

    assert "Kotak kosong" in html
    valid = pair_votes * 2 + 1000
    assert f"{valid:,}".replace(",", ".") in html  # valid votes: the pair's and the empty box's
    api = client.get("/api/v1/results?contest=walikota-balikpapan-2024&level=city").json()["results"]
    official = [row for row in api if row["count_stage"] == "rekap-kota"][0]
    assert (official["empty_box_votes"], official["valid_votes"]) == (pair_votes + 1000, valid)


def test_the_archive_says_when_the_empty_box_won(client, empty_box_won):
    archive = " ".join(client.get("/en/pemilihan/").content.decode().split())

    assert "most votes: the empty box (kotak kosong)" in archive
    assert "no pair was elected" in archive


def test_only_a_contest_against_the_empty_box_takes_votes_for_it(demo):
    result = Result.objects.filter(contest__slug=GOVERNOR, district__isnull=True).first()
    result.empty_box_votes = 5

    with pytest.raises(ValidationError) as refused, translation.override("id"):
        result.full_clean()

    assert "kotak kosong" in str(refused.value.message_dict["empty_box_votes"])
