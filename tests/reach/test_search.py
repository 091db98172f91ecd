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


# Indonesian-aware matching, typo tolerance and ranking (reach.search) --------------------------


def fact_check(slug, title, claim):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from announcements.models import FactCheck, Status, Verdict

    return FactCheck.objects.create(
        slug=slug,
        title_ind=title,
        claim_ind=claim,
        explanation_ind="Penjelasan dari KPU.",
        verdict=Verdict.HOAX,
        status=Status.PUBLISHED,
        publish_at=datetime(2024, 11, 26, 9, tzinfo=ZoneInfo("Asia/Makassar")),
    )


def test_a_question_in_everyday_indonesian_finds_the_fact_check_about_it(client, demo):
    fact_check(
        "surat-suara-tercoblos",
        "Video surat suara tercoblos sebelum hari pemungutan? Hoaks",
        "Beredar video yang disebut memperlihatkan surat suara sudah tercoblos untuk paslon tertentu.",
    )

    html = results(client, "surat suara sudah dicoblos")

    assert "/id/cek-fakta/surat-suara-tercoblos/" in html


def test_affixed_words_find_their_root(client, demo):
    html = results(client, "pencoblosan")

    assert 'id="results-' in html  # "coblos" appears in the guide


@pytest.mark.parametrize(
    ("typo", "expected"), [("gunung samrinda", "Gunung Samarinda"), ("sepingan", "Sepinggan")]
)
def test_a_typo_still_finds_the_kelurahan(client, demo, typo, expected):
    assert expected in results(client, typo)


def test_kinds_come_kelurahan_pair_fact_check_announcement(client, demo):
    fact_check("balikpapan-contoh", "Klaim tentang Balikpapan? Hoaks", "Klaim tentang Balikpapan.")

    html = results(client, "balikpapan")

    order = [html.index(f'id="results-{key}"') for key in ("areas", "pairs", "fact_checks", "announcements")]
    assert order == sorted(order)


def test_the_best_match_of_a_kind_comes_first(client, demo):
    from datetime import date

    from elections.models import Election, PollingStation, Subdistrict

    for slug, number in (("damai-bahagia", 7), ("damai", 17), ("damai", 7)):
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=Subdistrict.objects.get(slug=slug),
            number=number,
            source="PPS contoh",
            as_of=date(2024, 11, 20),
        )

    html = results(client, "tps 7 damai")

    assert html.index("TPS 007 Damai<") < html.index("TPS 017 Damai<")


def test_on_postgresql_typos_are_matched_by_trigram_similarity(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reach.search import similar_words

    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm exists on PostgreSQL only; elsewhere the plain comparison is used")
    with CaptureQueriesContext(connection) as queries:
        found = similar_words(["samrinda", "xyzzyq"], {"samarinda", "sepinggan", "damai"}, "default")

    assert found == {"samrinda": {"samarinda"}}
    assert "similarity(" in queries[-1]["sql"]


def test_a_typo_finds_its_word_on_every_database(db):
    from reach.search import similar_words

    assert similar_words(["samrinda"], {"samarinda", "sepinggan"}, "default")["samrinda"] == {"samarinda"}
