"""One search box across the portal, tolerant of case and accents, safe with any input."""

import pytest

pytestmark = pytest.mark.django_db


def results(client, query, lang="id"):
    response = client.get(f"/{lang}/cari/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sabani", "Muhammad Sa&#x27;bani"),  # apostrophe and case folded
        ("SÉNO aji", "Rudy Mas&#x27;ud &amp; Seno Aji"),  # accents folded
        ("gunung samarinda baru", "Gunung Samarinda Baru"),
        ("masa tenang", "Masa tenang"),
        ("netralitas", "/id/pengumuman/"),
        ("DPT", "/id/istilah/#dpt"),
        ("pdi perjuangan", "Rendi Susiswo Ismail"),
    ],
)
def test_search_finds_each_kind_of_thing(client, demo, query, expected):
    assert expected in results(client, query)


def test_results_are_grouped_by_kind(client, demo):
    html = results(client, "balikpapan")

    assert 'id="results-pairs"' in html or 'id="results-areas"' in html
    assert html.index('id="results-areas"') < html.index('id="results-announcements"')


def test_search_finds_a_tps_by_its_address(client, demo):
    from datetime import date

    from elections.models import Election, PollingStation, Subdistrict

    PollingStation.objects.create(
        election=Election.objects.get(),
        subdistrict=Subdistrict.objects.get(slug="teritip"),
        number=12,
        address="Gedung Serbaguna Contoh",
        source="PPS contoh",
        as_of=date(2024, 11, 20),
    )

    assert "TPS 012 Teritip" in results(client, "serbaguna")


def test_drafts_never_appear_in_search(client, demo):
    from announcements.models import Announcement, Status

    Announcement.objects.create(
        slug="draf-kata-unik",
        title_ind="Zebraunik rahasia",
        summary_ind="R",
        body_ind="I",
        status=Status.DRAFT,
        source="S",
    )

    assert "Zebraunik" not in results(client, "zebraunik")


def test_what_the_reader_typed_is_echoed_escaped(client, demo):
    html = results(client, '<script>alert("x")</script>')

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_empty_and_very_long_queries_are_handled(client, demo):
    assert "Ketik nama kelurahan" in results(client, "")
    assert "Ketik nama kelurahan" in results(client, "   ")
    html = results(client, "damai " * 500)
    assert "hanya bagian awalnya yang dipakai" in html


def test_nul_bytes_and_repeated_parameters_do_not_break_search(client, demo):
    assert client.get("/id/cari/?q=dam%00ai").status_code == 200
    assert client.get("/id/cari/?q=a&q=damai").status_code == 200


def test_search_pages_are_cacheable_and_speak_english_on_english_pages(client, demo):
    response = client.get("/en/cari/", {"q": "nothing-matches-this"})

    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Nothing found for" in response.content.decode()


def test_search_runs_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        results(client, "damai")
