"""Public debates: the model's rules, the schedule page, the calendar feed and the JSON-LD events."""

import json
import re
from datetime import date, time

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from elections.models import Contest, Debate
from elections.models.debates import DateBasis

pytestmark = pytest.mark.django_db


def make_debate(contest, number, **fields):
    values = {
        "date": date(2024, 10, 20 + number),
        "venue_ind": "Gedung Uji",
        "venue_en": "Test Hall",
        "city": "Balikpapan",
        "organiser": "KPU Kota Balikpapan",
        "broadcaster_ind": "TVRI; YouTube KPU",
        "theme_ind": f"Tema uji {number}",
        "theme_en": f"Test theme {number}",
        "source": "berita.example",
        "source_url": f"https://berita.example/debat-{number}",
        "source_date": date(2024, 10, 19 + number),
        "date_basis": DateBasis.LINK,
        **fields,
    }
    return Debate.objects.create(contest=contest, number=number, **values)


@pytest.fixture
def debates(contest):
    province = Contest.objects.create(
        election=contest.election,
        slug="gubernur-contoh",
        office_ind="Gubernur dan Wakil Gubernur",
        office_en="Governor and Deputy Governor",
        area_name_ind="Provinsi Contoh",
        area_name_en="Example Province",
        level=Contest.Level.PROVINCE,
        order=2,
    )
    return [
        make_debate(contest, 1, start_time=time(20, 0), end_time=time(22, 30)),
        make_debate(
            contest,
            2,
            subthemes_ind="air bersih\nbanjir",
            note_ind="Semula dijadwalkan 18 November, lalu diundur.",
            note_en="First planned for 18 November, then moved.",
        ),
        make_debate(
            province,
            1,
            venue_ind="Studio Uji, Samarinda",
            city="Samarinda",
            organiser="KPU Provinsi Contoh",
            start_time=time(19, 30),
            time_note_ind="siaran mulai 19.30 WITA",
            time_note_en="broadcast starts 19:30 WITA",
            date_basis=DateBasis.EVENT,
        ),
    ]


def page(client, name, lang="id"):
    with translation.override(lang):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200, url
    return response


# The model ------------------------------------------------------------------------------------


def test_a_contest_cannot_have_two_debates_with_the_same_number(contest, debates):
    duplicate = Debate(contest=contest, number=1, **{f: getattr(debates[0], f) for f in ("date", "city")})

    with pytest.raises(ValidationError, match="sudah memiliki debat dengan nomor ini"):
        duplicate.validate_constraints()


def test_an_end_time_needs_an_earlier_start_time(contest):
    debate = Debate(contest=contest, number=1, date=date(2024, 10, 23), end_time=time(22, 0))

    with pytest.raises(ValidationError) as error:
        debate.clean()

    assert "end_time" in error.value.message_dict


def test_the_venue_names_its_city_once(debates):
    assert debates[0].place == "Gedung Uji, Balikpapan"
    assert debates[2].place == "Studio Uji, Samarinda"


# The schedule page ----------------------------------------------------------------------------


def test_the_schedule_lists_each_contests_debates_with_time_venue_broadcaster_and_source(client, debates):
    html = page(client, "elections:schedule").content.decode()

    section = html.split('id="debat"')[1].split("</section>")[0]
    assert "Debat publik" in section
    assert section.index("Wali Kota dan Wakil Wali Kota") < section.index("Gubernur dan Wakil Gubernur")
    first = section.split('id="debat-walikota-contoh-1"')[1].split("</li>")[0]
    assert "Senin, 21 Oktober 2024" in first and "20.00–22.30 WITA" in first
    assert "Gedung Uji, Balikpapan" in first and "TVRI; YouTube KPU" in first
    assert "Tema uji 1" in first
    assert (
        '<a href="https://berita.example/debat-1" rel="noopener">berita.example</a>, 20 Oktober 2024' in first
    )
    second = section.split('id="debat-walikota-contoh-2"')[1].split("</li>")[0]
    assert "belum tersedia" in second  # no source gives the time
    assert "air bersih; banjir" in second and "diundur" in second
    governor = section.split('id="debat-gubernur-contoh-1"')[1].split("</li>")[0]
    assert "siaran mulai 19.30 WITA" in governor


def test_the_debates_are_in_english_on_english_pages(client, debates):
    html = page(client, "elections:schedule", lang="en").content.decode()

    assert "Public debates" in html and "Test theme 1" in html and "Test Hall, Balikpapan" in html
    assert "broadcast starts 19:30 WITA" in html
    assert "Tema uji 1" not in html


def test_without_debates_the_schedule_says_none_is_published(client, election):
    assert (
        "Belum ada debat publik yang dipublikasikan." in page(client, "elections:schedule").content.decode()
    )


def test_the_schedule_structured_data_holds_each_debate_as_an_event(client, debates):
    html = page(client, "elections:schedule").content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    events = {event["url"].rsplit("#", 1)[1]: event for event in data["@graph"] if "#debat-" in event["url"]}
    assert set(events) == {"debat-walikota-contoh-1", "debat-walikota-contoh-2", "debat-gubernur-contoh-1"}
    timed = events["debat-walikota-contoh-1"]
    assert (timed["startDate"], timed["endDate"]) == (
        "2024-10-21T20:00:00+08:00",
        "2024-10-21T22:30:00+08:00",
    )
    assert events["debat-walikota-contoh-2"]["startDate"] == "2024-10-22"
    assert events["debat-gubernur-contoh-1"]["location"]["name"] == "Studio Uji, Samarinda"
    assert events["debat-gubernur-contoh-1"]["organizer"]["name"] == "KPU Provinsi Contoh"


# The calendar ---------------------------------------------------------------------------------


def debate_events(client):
    calendar = icalendar.Calendar.from_ical(page(client, "elections:calendar").content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT") if "-debate-" in str(event["UID"])}


def test_the_calendar_has_one_event_per_debate_with_a_stable_id(client, debates, settings):
    settings.PORTAL_PAGE_CACHE = False

    events = debate_events(client)
    Debate.objects.filter(pk=debates[1].pk).update(note_ind="Catatan baru")

    assert set(events) == {
        "pilkada-2024-debate-walikota-contoh-1@portal-pilkada-balikpapan",
        "pilkada-2024-debate-walikota-contoh-2@portal-pilkada-balikpapan",
        "pilkada-2024-debate-gubernur-contoh-1@portal-pilkada-balikpapan",
    }
    assert set(debate_events(client)) == set(events)


def test_a_debate_with_a_known_start_is_timed_in_wita_and_others_take_the_whole_day(client, debates):
    events = debate_events(client)

    timed = events["pilkada-2024-debate-walikota-contoh-1@portal-pilkada-balikpapan"]
    start, end = timed.decoded("DTSTART"), timed.decoded("DTEND")
    assert (start.hour, start.minute, str(start.tzinfo)) == (20, 0, "Asia/Makassar")
    assert (end.hour, end.minute) == (22, 30)
    all_day = events["pilkada-2024-debate-walikota-contoh-2@portal-pilkada-balikpapan"]
    assert all_day.decoded("DTSTART") == date(2024, 10, 22)
    assert all_day.decoded("DTEND") == date(2024, 10, 23)
    no_end = events["pilkada-2024-debate-gubernur-contoh-1@portal-pilkada-balikpapan"]
    assert "DTEND" not in no_end  # no source says when it ends


def test_a_calendar_event_names_the_theme_the_place_and_the_source_with_its_date(client, debates):
    event = debate_events(client)["pilkada-2024-debate-walikota-contoh-2@portal-pilkada-balikpapan"]

    description = str(event["DESCRIPTION"])
    assert "Tema uji 2" in description and "air bersih; banjir" in description
    assert "https://berita.example/debat-2" in description and "21 Oktober 2024" in description
    assert str(event["LOCATION"]) == "Gedung Uji, Balikpapan"
    assert str(event["URL"]).endswith("/id/jadwal/#debat-walikota-contoh-2")
