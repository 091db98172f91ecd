import json
import re
from datetime import date

import pytest
from django.contrib.sitemaps.views import sitemap
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from candidates.models import PairDocument
from candidates.sitemaps import SITEMAPS
from candidates.views import by_theme, home_context

pytestmark = pytest.mark.django_db

CONTEST = "/id/calon/walikota-contoh/"


def text(response):
    """The page's visible words, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def filled_pair(make_pair, themes, add_programme, add_background):
    """Pair 1 with everything filled in (fictional), pair 2 with nothing beyond names and parties."""
    pair = make_pair(
        1,
        incumbent=True,
        vision_ind="Kota contoh yang sejahtera",
        vision_en="A prosperous example city",
        mission_ind="Misi contoh pertama\nMisi contoh kedua",
        mission_en="First example mission\nSecond example mission",
        source_url="https://kpu.example/keputusan",
    )
    add_programme(
        pair,
        themes[1],
        "Puskesmas contoh 24 jam",
        "Example 24-hour clinics",
        order=1,
        page_reference="hlm. 7",
    )
    add_programme(pair, themes[0], "Beasiswa contoh", "Example scholarships", order=1)
    add_programme(pair, themes[0], "Sekolah contoh", "Example schools", order=2)
    add_programme(
        pair,
        themes[2],
        "Kota contoh yang hijau",
        "A green example city",
        kind="vision",
        source="berita.example",
        source_url="https://berita.example/visi",
        as_of=date(2024, 9, 7),
        note_ind="Tujuan yang dinyatakan dalam siniar, bukan naskah visi resmi.",
        note_en="The stated aim in a podcast, not the formal vision text.",
    )
    add_programme(pair, themes[1], "Misi contoh yang diberitakan", "Reported example mission", kind="mission")
    add_background(
        pair, "Pegawai negeri contoh", "Example civil servant", role="deputy", as_of=date(2023, 11, 3)
    )
    PairDocument.objects.create(
        pair=pair,
        title_ind="Dokumen visi misi contoh",
        title_en="Example vision and mission document",
        url="https://kpu.example/visi-misi-1.pdf",
        publisher="KPU Contoh",
    )
    head = pair.candidates.get(role="head")
    head.birth_place = "Kota Contoh"
    head.birth_date = date(1970, 1, 2)
    head.education_ind = "S2 Universitas Contoh\nS1 Universitas Contoh"
    head.career_ind = "Pegawai contoh"
    head.save()
    make_pair(2)
    return pair


@pytest.mark.parametrize(
    ("language", "heading", "other"),
    [("id", "Pasangan calon", "Supporting parties"), ("en", "Candidate pairs", "Partai pengusung")],
)
def test_the_index_lists_each_contest_with_its_pairs_in_the_language_of_the_url(
    client, make_pair, make_contest, language, heading, other
):
    make_pair(2)
    make_pair(1)
    governor = make_contest(slug="gubernur-contoh", order=2, level="provinsi")
    make_pair(1, in_contest=governor)

    page = text(client.get(f"/{language}/calon/"))

    assert f"{heading}" in page
    assert other not in page
    office = {"id": "Wali Kota dan Wakil Wali Kota Kota Contoh", "en": "Mayor and Deputy Mayor Contoh City"}
    assert page.index(office[language]) < page.index("Contoh Calon Satu") < page.index("Contoh Calon Dua")


def test_a_contest_page_shows_pairs_in_ballot_number_order_only(client, make_pair):
    for number in (3, 1, 2):
        make_pair(number)

    page = text(client.get(CONTEST))

    assert page.index("Contoh Calon Satu") < page.index("Contoh Calon Dua") < page.index("Contoh Calon Tiga")


def test_a_pair_card_shows_number_names_roles_parties_and_incumbency(client, filled_pair):
    html = main(client.get(CONTEST))
    first, second = html.split('<article class="card pair-card">')[1:3]

    assert '<span class="visually-hidden">Nomor urut </span>1</span>' in first
    assert "<dt>Calon Wali Kota</dt><dd>Contoh Calon Satu</dd>" in first
    assert "<dt>Calon Wakil Wali Kota</dt><dd>Contoh Wakil Satu</dd>" in first
    assert '<abbr title="Partai Contoh Dua">PCD</abbr>, <abbr title="Partai Contoh Satu">PCS</abbr>' in first
    assert '<p class="incumbent">Petahana</p>' in first
    assert "Petahana" not in second


def test_the_pair_page_shows_everything_known_about_the_pair(client, filled_pair):
    page = text(client.get(filled_pair.get_absolute_url()))

    for expected in [
        "Contoh Calon Satu",
        "Calon Wali Kota",
        "Kota Contoh",
        "2 Januari 1970",
        "S2 Universitas Contoh",
        "Pegawai contoh",
        "Kota contoh yang sejahtera",
        "Misi contoh kedua",
        "Dokumen visi misi contoh",
        "PCS (Partai Contoh Satu)",
        "Sumber: Contoh: keputusan KPU fiktif untuk pengujian",
        "per 23 September 2024",
        "Pegawai negeri contoh Sumber: contoh.example , 3 November 2023 .",
    ]:
        assert expected in page
    # The official texts first, then the points as published, each with its source.
    vision = page[page.index("Visi Naskah resmi") :]
    assert (
        vision.index("Kota contoh yang sejahtera")
        < vision.index("Kota contoh yang hijau")
        < vision.index("Misi")
    )
    assert "Misi contoh kedua" in page[page.index("Misi Naskah resmi") :]
    # Programmes are grouped under their theme, themes in their set order.
    programmes = page[page.index("Program per tema") :]
    assert (
        programmes.index("Pendidikan")
        < programmes.index("Beasiswa contoh")
        < programmes.index("Sekolah contoh")
        < programmes.index("Kesehatan")
        < programmes.index(
            "Puskesmas contoh 24 jam Sumber: contoh.example , 23 Oktober 2024 , dokumen resmi, hlm. 7."
        )
    )
    # Points of the vision and mission are not repeated under the themes.
    assert page.count("Misi contoh yang diberitakan") == 1 and page.count("Kota contoh yang hijau") == 1


def test_each_point_links_its_source_with_its_date_and_note(client, filled_pair):
    html = main(client.get(filled_pair.get_absolute_url()))

    assert (
        'Sumber: <a href="https://berita.example/visi" rel="noopener">berita.example</a>, '
        '<time datetime="2024-09-07">7 September 2024</time>. '
        "Tujuan yang dinyatakan dalam siniar, bukan naskah visi resmi.</p>"
    ) in html
    with translation.override("en"):
        url = filled_pair.get_absolute_url()
    english = text(client.get(url))
    assert (
        "A green example city Source: berita.example , 7 September 2024 . The stated aim in a podcast"
        in english
    )


def test_the_pair_page_is_in_english_under_en(client, filled_pair):
    with translation.override("en"):
        url = filled_pair.get_absolute_url()

    page = text(client.get(url))

    assert "A prosperous example city" in page
    assert "Example scholarships" in page
    assert "Candidate for mayor (wali kota)" in page
    assert "as of 23 September 2024" in page
    assert "Kota contoh yang sejahtera" not in page


@pytest.mark.parametrize(("language", "missing"), [("id", "belum tersedia"), ("en", "not yet available")])
def test_every_empty_field_says_not_yet_available_the_same_way_for_every_pair(
    client, make_pair, themes, language, missing
):
    pairs = [make_pair(1), make_pair(2)]

    counts = []
    for pair in pairs:
        with translation.override(language):
            url = pair.get_absolute_url()
        counts.append(main(client.get(url)).count(f'<span class="missing">{missing}</span>'))

    # Per person: place and date of birth, education, career, reported background (× 2); vision
    # and mission, each official and as published (× 2); one per theme (× 3); documents.
    assert counts == [10 + 4 + 3 + 1] * 2


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("id", "Sumber yang dipublikasikan untuk pasangan ini lebih sedikit."),
        ("en", "Fewer published sources were found for this pair."),
    ],
)
def test_only_the_pair_with_the_thinner_record_says_so_on_its_page(client, filled_pair, language, note):
    second = filled_pair.contest.pairs.get(ballot_number=2)
    second.record_note_ind = "Alasan contoh dari catatan sumber."
    second.record_note_en = "Example reason from the notes on the sources."
    second.save()
    pages = {}
    for pair in (filled_pair, second):
        with translation.override(language):
            pages[pair.ballot_number] = text(client.get(pair.get_absolute_url()))

    assert note not in pages[1]
    assert note in pages[2]
    reason = {
        "id": "Alasan contoh dari catatan sumber.",
        "en": "Example reason from the notes on the sources.",
    }
    assert reason[language] in pages[2]
    counted = {"id": "5 butir visi, misi, dan program", "en": "5 vision, mission and programme points"}
    assert counted[language] in pages[1]


def test_the_comparison_says_which_pair_has_the_thinner_record_and_nobody_else(
    client, filled_pair, make_pair
):
    make_pair(3)
    page = text(client.get("/id/calon/walikota-contoh/banding/"))
    record = page[page.index("Catatan yang dipublikasikan Nomor urut") : page.index("Visi Nomor urut")]

    first, second, third = (
        record[record.index(f"Contoh Calon {word}") :] for word in ("Satu", "Dua", "Tiga")
    )
    note = "Sumber yang dipublikasikan untuk pasangan ini lebih sedikit."
    assert note not in first[: first.index("Contoh Calon Dua")]
    assert note in second[: second.index("Contoh Calon Tiga")] and note in third
    assert "Pasangan lain dalam pemilihan ini memiliki 5 butir bersumber." in third


def test_when_no_pair_has_points_no_record_is_called_thinner(client, make_pair, themes):
    make_pair(1)
    make_pair(2)

    page = text(client.get("/en/calon/walikota-contoh/banding/"))

    assert "Fewer published sources" not in page
    assert page.count("0 vision, mission and programme points") == 2


def test_a_wrong_or_missing_slug_redirects_permanently_to_the_canonical_address(client, make_pair):
    pair = make_pair(1)
    with translation.override("id"):
        canonical = pair.get_absolute_url()

    for url in ["/id/calon/walikota-contoh/1/nama-lama/", "/id/calon/walikota-contoh/1/"]:
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == canonical


@pytest.mark.parametrize(
    "url", ["/id/calon/tidak-ada/", "/id/calon/walikota-contoh/9/contoh/", "/en/calon/tidak-ada/banding/"]
)
def test_unknown_contests_and_pairs_are_not_found(client, make_pair, url):
    make_pair(1)

    assert client.get(url).status_code == 404


def test_the_pair_page_carries_schema_org_people_and_parties(client, filled_pair):
    html = client.get(filled_pair.get_absolute_url()).content.decode()

    page, trail = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    data = page
    assert data["@context"] == "https://schema.org"
    assert trail["@type"] == "BreadcrumbList"
    assert [item["name"] for item in trail["itemListElement"]][-1] == "Contoh Calon Satu & Contoh Wakil Satu"
    assert [(p["@type"], p["name"]) for p in data["about"]] == [
        ("Person", "Contoh Calon Satu"),
        ("Person", "Contoh Wakil Satu"),
    ]
    assert data["about"][0]["birthDate"] == "1970-01-02"
    assert {(o["@type"], o["alternateName"]) for o in data["mentions"]} == {
        ("Organization", "PCS"),
        ("Organization", "PCD"),
    }


def test_structured_data_cannot_break_out_of_its_script_element(client, make_pair, parties):
    parties[0].name = "Partai </script><script>alert(1)</script>"
    parties[0].save()

    html = client.get(make_pair(1).get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html


def test_the_pair_page_has_open_graph_tags(client, filled_pair):
    html = client.get(filled_pair.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Paslon 1: Contoh Calon Satu &amp; Contoh Wakil Satu">' in html
    assert f'<meta property="og:url" content="http://testserver{filled_pair.get_absolute_url()}">' in html


def test_by_theme_lines_up_each_pairs_programmes_under_every_theme(filled_pair, themes):
    pairs = list(filled_pair.contest.pairs.prefetch_related("programmes"))

    grouped = by_theme(themes, pairs)

    assert [theme.slug for theme, _entries in grouped] == ["pendidikan", "kesehatan", "lingkungan"]
    with translation.override("id"):
        education = {pair.ballot_number: [p.title for p in programmes] for pair, programmes in grouped[0][1]}
    assert education == {1: ["Beasiswa contoh", "Sekolah contoh"], 2: []}
    assert [[len(programmes) for _pair, programmes in entries] for _theme, entries in grouped] == [
        [2, 0],
        [1, 0],
        [0, 0],
    ]


def test_the_comparison_lists_record_vision_mission_and_documents_and_links_each_theme(client, filled_pair):
    response = client.get("/id/calon/walikota-contoh/banding/")
    html = main(response)

    assert "<table" not in html
    # Published record, vision, mission, documents; the themes have pages of their own.
    assert html.count('<section class="compare-topic"') == 4
    for theme in ("pendidikan", "kesehatan", "lingkungan"):
        assert f'href="/id/calon/walikota-contoh/banding/{theme}/"' in html


def test_a_theme_puts_each_pairs_points_side_by_side_in_ballot_order(client, filled_pair):
    response = client.get("/id/calon/walikota-contoh/banding/kesehatan/")
    page = text(response)

    assert response.status_code == 200
    assert "Kesehatan: tawaran para pasangan calon" in page
    assert (
        page.index("Puskesmas contoh 24 jam") < page.index("Contoh Calon Dua") < page.index("belum tersedia")
    )
    # Only programmes on this theme: not the education points, not the mission on health.
    assert "Beasiswa contoh" not in page and "Misi contoh yang diberitakan" not in page
    assert main(response).count('class="compare-cell theme-cell"') == 2
    assert 'aria-current="page">Kesehatan</a>' in response.content.decode()


def test_a_theme_keeps_a_points_page_reference_one_tap_away(client, filled_pair):
    html = client.get("/en/calon/walikota-contoh/banding/kesehatan/").content.decode()

    start = html.index('<details class="point__more">')
    details = html[start : html.index("</details>", start)]
    assert "Note on the source" in details and "official document, hlm. 7" in details


@pytest.mark.parametrize(
    "url", ["/id/calon/walikota-contoh/banding/tidak-ada/", "/id/calon/tidak-ada/banding/kesehatan/"]
)
def test_an_unknown_theme_or_contest_is_not_found(client, filled_pair, url):
    assert client.get(url).status_code == 404


def test_the_comparison_can_be_shared_with_a_plain_link(client, filled_pair):
    html = client.get("/id/calon/walikota-contoh/banding/").content.decode()

    assert 'href="https://wa.me/?text=Bandingkan%20pasangan%20calon%20' in html
    assert "http%3A%2F%2Ftestserver%2Fid%2Fcalon%2Fwalikota-contoh%2Fbanding%2F" in html
    assert 'readonly value="http://testserver/id/calon/walikota-contoh/banding/"' in html


def test_a_theme_is_shared_with_its_own_address_and_words(client, filled_pair):
    html = client.get("/id/calon/walikota-contoh/banding/kesehatan/").content.decode()

    assert 'href="https://wa.me/?text=Kesehatan%3A%20tawaran%20setiap%20pasangan%20calon%20' in html
    assert 'readonly value="http://testserver/id/calon/walikota-contoh/banding/kesehatan/"' in html


def test_the_pair_page_shows_both_photos_or_initials_right_under_its_heading(client, filled_pair):
    html = main(client.get(filled_pair.get_absolute_url()))

    portraits = html[html.index('<div class="pair-portraits">') :]
    assert html.index("<h1") < html.index('<div class="pair-portraits">') < html.index('class="lead"')
    assert portraits.index("Contoh Calon Satu") < portraits.index("Contoh Wakil Satu")
    assert portraits.count('class="initials"') == 2


@pytest.mark.parametrize(
    "url",
    [
        "/id/calon/",
        CONTEST,
        "/en/calon/walikota-contoh/banding/",
        "/id/calon/walikota-contoh/banding/kesehatan/",
        "/id/calon/walikota-contoh/1/{slug}/",
    ],
)
def test_public_pages_are_cacheable_and_touch_no_session(client, admin_user, make_pair, themes, url):
    pair = make_pair(1)
    client.force_login(admin_user)

    response = client.get(url.format(slug=pair.slug))

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


# Queries per page: contests, pairs, candidates, parties (+ points, documents, themes; + the
# reported backgrounds on the pair page). How many points each pair has, and the most of its
# contest, come with the pairs (subqueries), not as queries of their own.
# The index also reads the election it is about (elections.views.election_in_view).
PAGES = {"index": 5, "contest": 4, "compare": 7, "theme": 7, "pair": 7}


def page_url(page):
    return {
        "index": "/id/calon/",
        "contest": CONTEST,
        "compare": "/id/calon/walikota-contoh/banding/",
        "theme": "/id/calon/walikota-contoh/banding/kesehatan/",
        "pair": "/id/calon/walikota-contoh/1/contoh-calon-satu-contoh-wakil-satu/",
    }[page]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_a_fixed_number_of_queries_however_many_pairs(
    client, django_assert_num_queries, filled_pair, make_pair, themes, add_programme, page, committed
):
    with django_assert_num_queries(PAGES[page]):
        assert client.get(page_url(page)).status_code == 200

    with committed():
        for number in (3, 4, 5, 6):
            pair = make_pair(number, vision="Visi contoh")
            add_programme(pair, themes[2], "Program contoh")
            PairDocument.objects.create(
                pair=pair, title="Dokumen contoh", url="https://kpu.example/", publisher="KPU"
            )

    with django_assert_num_queries(PAGES[page]):
        assert client.get(page_url(page)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_pairs_rows_are_fetched_without_joining_its_contest_and_election(
    client, django_assert_max_num_queries, filled_pair, page
):
    # Candidates, programmes and documents default to ordering by pair, which would make every
    # prefetch join pair, contest and election only to sort the rows of one pair.
    with django_assert_max_num_queries(PAGES[page]) as captured:
        assert client.get(page_url(page)).status_code == 200

    prefetches = [
        query["sql"]
        for query in captured.captured_queries
        if re.match(
            r'SELECT .* FROM "candidates_(candidate|programme|pairdocument|background)"', query["sql"]
        )
    ]
    assert prefetches
    assert not [sql for sql in prefetches if "elections_election" in sql]


def test_home_context_renders_every_contest_with_its_pairs_in_three_queries(
    django_assert_num_queries, make_pair, make_contest
):
    make_pair(2)
    first = make_pair(1, incumbent=True)
    make_pair(1, in_contest=make_contest(slug="gubernur-contoh", order=2, level="provinsi"))

    # Contests, pairs, candidates: no parties, and no join through pair, contest and election
    # for the candidates' default ordering.
    with django_assert_num_queries(3), translation.override("id"):
        html = render_to_string("candidates/includes/_home.html", home_context())

    page = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert page.index("Contoh Calon Satu") < page.index("Contoh Calon Dua")
    assert "Petahana" in page
    assert html.count('href="/id/calon/walikota-contoh/banding/"') == 1
    assert f'href="{first.get_absolute_url()}"' in html


def test_the_sitemap_lists_index_contests_comparisons_and_pairs_in_both_languages(make_pair):
    pair = make_pair(1)

    response = sitemap(RequestFactory().get("/sitemap.xml"), sitemaps=SITEMAPS)
    xml = response.render().content.decode()

    for path in [
        "/pemilihan/pilkada-contoh/calon/",
        "/calon/walikota-contoh/",
        "/calon/walikota-contoh/banding/",
        pair.get_absolute_url()[3:],
    ]:
        for language in ("id", "en"):
            assert f"<loc>http://testserver/{language}{path}</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/calon/walikota-contoh/banding/"' in xml
