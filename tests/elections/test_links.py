"""Every election keeps its addresses (elections.links): what was shared in 2024 keeps showing
2024 when a newer election is added, the short addresses follow the current election, and the
archive lists them all."""

import re

import icalendar
import pytest
from django.urls import reverse

from tests.support.elections import add_newer_election
from tests.support.pages import sitemap_paths, structured_data

pytestmark = pytest.mark.django_db

ELECTION_NOTICE = re.compile(r'<aside class="banner banner--election".*?</aside>', re.S)
# The city's front page, the list of elections and the open data catalogue (which counts every
# record) are about all elections: they change when one is added.
FOLLOW_THE_NEWEST = {"/id/", "/en/", "/id/pemilihan/", "/en/pemilihan/", "/id/data/", "/en/data/"}


def main_text(response):
    """What a page says in its main part, without the notice naming the current election."""
    html = response.content.decode()
    main = html[html.find("<main") : html.find("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", ELECTION_NOTICE.sub("", main)).split())


def test_every_address_in_the_sitemap_keeps_its_2024_content_after_a_newer_election(client, demo):
    paths = [path for path in sitemap_paths(client) if path not in FOLLOW_THE_NEWEST]
    before = {path: client.get(path) for path in paths}
    assert {path for path, response in before.items() if response.status_code != 200} == set()

    add_newer_election()

    changed = [path for path in paths if main_text(client.get(path)) != main_text(before[path])]
    assert changed == []
    assert "/id/pemilihan/pilkada-2024/jadwal/" in paths
    assert "/en/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/" in paths


def test_the_short_addresses_show_the_current_election_and_name_its_permanent_one(client, demo):
    add_newer_election()

    schedule = client.get("/id/jadwal/").content.decode()

    assert "Pemilu 2029" in schedule
    assert '<link rel="canonical" href="http://testserver/id/pemilihan/pemilu-2029/jadwal/">' in schedule
    archived = client.get("/id/pemilihan/pilkada-2024/jadwal/").content.decode()
    assert "Tahapan" in archived and "27 November 2024" in archived
    assert "Ini bukan pemilihan terkini. Pemilihan terkini: Pemilu 2029." in " ".join(archived.split())


def test_a_page_of_an_earlier_election_links_within_that_election(client, demo):
    add_newer_election()

    voters = client.get("/id/pemilihan/pilkada-2024/pemilih/").content.decode()

    assert 'href="/id/pemilihan/pilkada-2024/pemilih/balikpapan-kota/"' in voters
    assert 'href="/id/pemilih/balikpapan-kota/"' not in voters
    damai = client.get("/id/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/").content.decode()
    assert 'href="/id/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/cetak/"' in damai


def test_the_archive_lists_every_election_newest_first_with_its_outcome(client, demo):
    add_newer_election()

    archive = " ".join(client.get("/id/pemilihan/").content.decode().split())

    assert archive.index("Pemilu 2029") < archive.index("Pilkada Serentak 2024")
    assert "suara terbanyak: 1. Rahmad Mas&#x27;ud – Bagus Susetyo, 59,3 %" in archive
    assert "belum ada hasil." in archive  # 2029's contest


def test_each_election_links_to_the_other(client, demo):
    add_newer_election()

    newer = client.get("/id/pemilihan/pemilu-2029/").content.decode()
    older = " ".join(client.get("/en/pemilihan/pilkada-2024/").content.decode().split())

    assert 'href="/id/pemilihan/pilkada-2024/" rel="prev"' in newer
    assert "This election is over." in older
    assert "Current election: Pemilu 2029." in older
    assert 'href="/id/pemilihan/pemilu-2029/"' in older or 'href="/en/pemilihan/pemilu-2029/"' in older


def test_an_earlier_elections_page_links_every_page_of_its_own_and_each_answers(client, demo):
    add_newer_election()

    main = client.get("/id/pemilihan/pilkada-2024/").content.decode()
    main = main[main.find("<main") : main.find("</main>")]
    own = sorted(set(re.findall(r'href="(/id/pemilihan/pilkada-2024/[^"#]+)"', main)))

    for name in ("jadwal", "pemilih", "cari-tps", "calon", "hasil", "hasil/riwayat"):
        assert f"/id/pemilihan/pilkada-2024/{name}/" in own
    assert {path: client.get(path).status_code for path in own} == dict.fromkeys(own, 200)


def test_an_earlier_elections_schedule_its_events_calendar_and_stages_point_into_its_own_pages(client, demo):
    add_newer_election()
    own = "http://testserver/id/pemilihan/pilkada-2024/jadwal/"

    html = client.get("/id/pemilihan/pilkada-2024/jadwal/").content.decode()
    events = structured_data(html)["@graph"]
    feed = icalendar.Calendar.from_ical(client.get("/id/pemilihan/pilkada-2024/jadwal/kalender.ics").content)
    found = client.get("/id/cari/", {"q": "masa tenang"}).content.decode()

    assert events and all(event["url"].startswith(own) for event in events)
    assert 'value="http://testserver/id/pemilihan/pilkada-2024/jadwal/kalender.ics"' in html
    assert str(feed["NAME"]) == "Jadwal Pilkada Serentak 2024, Balikpapan"
    assert {str(event["URL"]).split("#")[0] for event in feed.walk("VEVENT")} == {own}
    assert 'href="/id/pemilihan/pilkada-2024/jadwal/#tahap-13"' in found


def test_an_election_that_does_not_exist_has_no_pages(client, demo):
    for name in ("overview", "schedule", "voters", "results", "find-tps"):
        assert client.get(reverse(f"election:{name}", kwargs={"election": "pemilu-1999"})).status_code == 404


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/id/pemilihan/", 5),  # elections, contests, outcomes (3): whatever their number
        ("/id/pemilihan/pilkada-2024/", 7),  # + the current one, the previous one
        ("/id/pemilihan/pilkada-2024/jadwal/", 5),  # the short address's 4, + the current election
        ("/id/pemilihan/pilkada-2024/pemilih/", 4),
    ],
)
def test_query_counts_with_two_elections(client, demo, django_assert_num_queries, path, queries):
    add_newer_election()
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_between_elections_the_home_page_gives_the_last_result_and_how_it_ended(
    client, demo, settings, django_assert_num_queries
):
    settings.PORTAL_CLOCK = "2026-12-06T09:00+08:00"

    with django_assert_num_queries(15):  # the home page's 12, + the outcomes (3)
        home = " ".join(client.get("/id/").content.decode().split())

    assert "Pilkada Serentak 2024 telah selesai" in home
    assert "1. Rahmad Mas&#x27;ud – Bagus Susetyo, 59,3 % suara sah" in home
    assert "Tahap terakhir: Pelantikan wali kota dan wakil wali kota terpilih, 20 Februari 2025." in home


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "Tahap berikutnya: Pelantikan wali kota dan wakil wali kota terpilih, 20 Februari 2025."),
        ("en", "Next stage: Inauguration of the elected mayor and deputy mayor, 20 February 2025."),
    ],
)
def test_after_the_count_and_before_the_inauguration_the_home_page_names_the_next_stage(
    client, demo, settings, lang, expected
):
    settings.PORTAL_CLOCK = "2025-01-10T09:00+08:00"

    home = " ".join(client.get(f"/{lang}/").content.decode().split())

    assert expected in home
    assert "banner--finished" not in home


def test_once_the_next_election_is_announced_the_home_page_links_the_previous_one(client, demo, settings):
    settings.PORTAL_CLOCK = "2026-12-06T09:00+08:00"
    add_newer_election()

    home = " ".join(client.get("/id/").content.decode().split())

    assert "Pemilihan sebelumnya: Pilkada Serentak 2024" in home
    assert 'href="/id/pemilihan/pilkada-2024/"' in home
