from datetime import date

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from candidates.models import Candidate, CandidatePair
from elections.models import PollingStation, Result, ResultVote, VoterCount

from .conftest import build_areas, count

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(election, areas):
    count(election, 40, district=areas[0], polling_stations=2)
    count(election, 60, district=areas[1], polling_stations=3)
    count(election, 520986, list_stage="DPT", polling_stations=996)
    count(election, 100, male=55, female=45, polling_stations=5)
    return areas


@pytest.fixture
def results(election, contest, areas):
    pairs = []
    for number, (head, deputy) in enumerate([("Contoh Satu", "Wakil Satu"), ("Contoh Dua", "Wakil Dua")], 1):
        pair = CandidatePair.objects.create(
            contest=contest, ballot_number=number, source="Contoh", as_of=date(2024, 9, 23)
        )
        Candidate.objects.create(pair=pair, role="head", full_name=head)
        Candidate.objects.create(pair=pair, role="deputy", full_name=deputy)
        pairs.append(pair)
    city = Result.objects.create(
        contest=contest, invalid_votes=16278, source="SK KPU contoh", as_of=date(2024, 12, 6)
    )
    ResultVote.objects.create(result=city, pair=pairs[0], votes=200000)
    ResultVote.objects.create(result=city, pair=pairs[1], votes=99145)
    for district, votes in zip(areas, [(120000, 50000), (80000, 49145)], strict=True):
        tally = Result.objects.create(
            contest=contest, district=district, source="SK KPU contoh", as_of=date(2024, 12, 6)
        )
        for pair, value in zip(pairs, votes, strict=True):
            ResultVote.objects.create(result=tally, pair=pair, votes=value)
    if not VoterCount.objects.filter(list_stage="DPT").city().exists():
        count(election, 520986, list_stage="DPT", polling_stations=996)
    return pairs


def get(client, name, lang="id", **kwargs):
    with translation.override(lang):
        url = reverse(name, kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        ("2024-11-25T10:00+08:00", "Masa tenang"),
        ("2024-10-01T10:00+08:00", "Pelaksanaan kampanye"),
    ],
)
def test_schedule_highlights_the_current_stage(client, election, settings, clock, expected):
    settings.PORTAL_CLOCK = clock

    html = get(client, "elections:schedule")

    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert expected in current
    assert "Sekarang" in current


def test_schedule_counts_down_before_voting_day(client, election, settings):
    settings.PORTAL_CLOCK = "2024-11-20T09:00+08:00"

    assert "7 hari lagi" in get(client, "elections:schedule")
    assert "7 days to go" in get(client, "elections:schedule", lang="en")


def test_schedule_says_finished_after_the_last_stage(client, election, settings):
    settings.PORTAL_CLOCK = "2025-01-10T09:00+08:00"

    html = get(client, "elections:schedule", lang="en")

    assert "All stages are finished" in html
    assert 'aria-current="step"' not in html


def test_schedule_is_in_english_on_english_pages(client, election):
    html = get(client, "elections:schedule", lang="en")

    assert "Quiet period" in html and "Masa tenang" not in html


def test_calendar_feed_holds_every_stage_with_stable_ids(client, election, settings):
    settings.PORTAL_PAGE_CACHE = False  # the second fetch is rendered again, not a cached copy
    response = client.get(reverse("elections:calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    for stage in election.stages.all():
        assert stage.name in summaries
    assert len({str(event["UID"]) for event in events}) == len(events)
    again = icalendar.Calendar.from_ical(client.get(reverse("elections:calendar")).content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]
    assert str(again["UID"]) == str(calendar["UID"]) == "pilkada-2024@portal-pilkada-balikpapan"


def test_calendar_has_polling_hours_in_wita(client, election):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("elections:calendar")).content)

    polls = next(e for e in calendar.walk("VEVENT") if "polls-open" in str(e["UID"]))
    start = polls.decoded("DTSTART")
    assert (start.hour, str(start.tzinfo)) == (7, "Asia/Makassar")
    assert calendar.walk("VTIMEZONE")


def test_the_schedule_page_links_the_calendar(client, election):
    assert reverse("elections:calendar") in get(client, "elections:schedule")


@pytest.mark.parametrize(("lang", "number"), [("id", "520.986"), ("en", "520,986")])
def test_voter_figures_are_formatted_for_the_readers_language(client, election, figures, lang, number):
    assert number in get(client, "elections:voters", lang=lang)


def test_voters_page_shows_each_kecamatan_with_source_and_unknowns(client, election, figures):
    html = get(client, "elections:voters")

    assert "Kecamatan Contoh 1" in html and "Kecamatan Contoh 2" in html
    assert "Pleno KPU contoh" in html
    # DPT is only known city-wide: per kecamatan it is shown as unknown, never estimated.
    assert "belum tersedia" in html
    assert "55 laki-laki, 45 perempuan" in html


def test_voters_page_shows_the_change_from_dps_to_dpt(client, election, figures):
    assert "+520.886" in get(client, "elections:voters")


def test_voters_page_draws_a_bar_chart_with_a_text_alternative(client, election, figures):
    html = get(client, "elections:voters")

    assert 'class="bars__bar"' in html and "<svg" in html
    assert "<table" in html


def test_kecamatan_page_lists_its_kelurahan(client, election, figures):
    html = get(client, "elections:district", district="kecamatan-contoh-1")

    assert "Kelurahan 1-1" in html and "Kelurahan 1-2" in html and "Kelurahan 2-1" not in html


def test_unknown_kecamatan_is_a_friendly_404(client, election):
    response = client.get("/id/pemilih/atlantis/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_kelurahan_under_the_wrong_kecamatan_is_a_404(client, election, areas):
    assert client.get("/id/pemilih/kecamatan-contoh-2/kelurahan-1-1/").status_code == 404


def test_kelurahan_page_lists_its_tps_with_accessibility_facts(client, election, areas):
    subdistrict = areas[0].subdistricts.first()
    PollingStation.objects.create(
        election=election,
        subdistrict=subdistrict,
        number=3,
        address="Halaman SD Contoh",
        access=PollingStation.Access.RAMP,
        wide_door=True,
        accessibility_notes_ind="Ramp di gerbang samping",
        source="PPS contoh",
        as_of=date(2024, 11, 20),
    )

    html = get(client, "elections:subdistrict", district=areas[0].slug, subdistrict=subdistrict.slug)

    assert "TPS 003" in html and "Halaman SD Contoh" in html
    assert "<dt>Jalan masuk</dt><dd>Tangga dengan ramp</dd>" in html and "Ramp di gerbang samping" in html
    assert "Akses tanpa tangga" not in html  # "step-free access: steps without a ramp" read as nonsense
    assert "belum dicek" in html  # braille template and seating were not checked
    assert "07.00" in html and "13.00" in html


@pytest.mark.parametrize(
    ("clock", "heading"),
    [
        ("2024-11-27T08:00+08:00", "Hari ini hari pemungutan suara"),
        ("2024-11-25T10:00+08:00", "Hari pemungutan suara: Rabu, 27 November 2024"),
    ],
)
def test_in_the_quiet_period_and_on_voting_day_the_home_page_starts_with_what_it_takes_to_vote(
    client, election, settings, clock, heading
):
    settings.PORTAL_CLOCK = clock

    html = get(client, "home")

    main = html[html.index("<main") :]
    card = main[main.index('<section class="vote-card"') : main.index("</section>")]
    assert main.index('<section class="vote-card"') < main.index('<section class="hero"')
    assert f'<h1 id="vote-card-title">{heading}</h1>' in card and main.count("<h1") == 1
    assert "07.00 sampai 13.00 WITA" in card and "e-KTP" in card
    assert (
        'href="https://cekdptonline.kpu.go.id/"' in card and f'href="{reverse("elections:voters")}"' in card
    )
    assert 'class="banner' not in main  # the stage banner would say it all a second time


def test_before_the_quiet_period_the_home_page_starts_with_its_own_heading(client, election, settings):
    settings.PORTAL_CLOCK = "2024-10-01T10:00+08:00"

    html = get(client, "home")

    assert "vote-card" not in html
    assert html.index('<h1 class="hero__title">') < html.index('class="banner banner--campaign"')


def test_kelurahan_without_tps_says_so(client, election, areas):
    subdistrict = areas[0].subdistricts.first()

    html = get(client, "elections:subdistrict", district=areas[0].slug, subdistrict=subdistrict.slug)

    assert "belum tersedia" in html


def test_results_show_votes_shares_and_turnout_against_the_target(client, election, results):
    html = get(client, "results")

    assert "200.000" in html and "66,9 %" in html  # 200,000 of 299,145 valid votes
    assert "60,5 %" in html  # (299,145 + 16,278) / 520,986
    assert "70–80 %" in html and "60 %" in html
    assert "SK KPU contoh" in html


def test_results_per_kecamatan_are_charted_and_tabled(client, election, results):
    html = get(client, "results", lang="en")

    assert "Kecamatan Contoh 1" in html and "120,000" in html
    assert html.count('class="bars__row"') == 4


def test_results_page_without_results_says_not_yet_available(client, election):
    assert "belum tersedia" in get(client, "results")


@pytest.mark.parametrize("name", ["elections:schedule", "elections:voters", "results"])
def test_pages_are_public_and_cacheable(client, election, figures, name):
    response = client.get(reverse(name))

    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_sitemap_lists_every_kecamatan_and_kelurahan_in_both_languages(client, election, figures):
    xml = client.get("/sitemap.xml").content.decode()

    # Each at the election's permanent address (elections.links).
    assert "http://testserver/id/pemilihan/pilkada-2024/pemilih/kecamatan-contoh-1/kelurahan-1-2/" in xml
    assert "http://testserver/en/pemilihan/pilkada-2024/pemilih/kecamatan-contoh-2/" in xml
    assert "http://testserver/en/pemilihan/pilkada-2024/jadwal/" in xml


def grow(election, factor):
    """Ten times the areas, figures and TPS: pages must not issue more queries."""
    for district in build_areas(districts=factor, subdistricts=factor, prefix="Tambahan"):
        count(election, 10, list_stage="DPT", district=district)
        for subdistrict in district.subdistricts.all():
            count(election, 1, list_stage="DPT", subdistrict=subdistrict)
            PollingStation.objects.create(
                election=election, subdistrict=subdistrict, number=1, source="x", as_of=date(2024, 11, 1)
            )


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    [
        (
            "home",
            {},
            15,
        ),  # + the contests whose state voters must know; + the outcome, the election being over
        ("elections:schedule", {}, 4),  # + the debates with their contests, + the contests
        ("elections:voters", {}, 3),
        ("elections:district", {"district": "kecamatan-contoh-1"}, 4),
        ("elections:subdistrict", {"district": "kecamatan-contoh-1", "subdistrict": "kelurahan-1-1"}, 4),
        ("results", {}, 8),  # + the turnout KPU announced
    ],
)
def test_query_counts_are_fixed_whatever_the_amount_of_data(
    client, election, figures, results, django_assert_num_queries, name, kwargs, queries
):
    url = reverse(name, kwargs=kwargs or None)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

    grow(election, 10)
    VoterCount.objects.filter(pk=VoterCount.objects.first().pk).update(note_ind="")  # new content version
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
