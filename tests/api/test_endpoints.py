"""Every JSON endpoint in both languages: what a journalist or another site gets back."""

from datetime import date

import pytest
from django.utils import timezone

from candidates.models import Background, CandidatePair, Programme
from elections.models import Debate, District, PollingStation, Result, Stage, Subdistrict, VoterCount

from .conftest import get_json

pytestmark = pytest.mark.django_db

LISTS = {
    "elections": lambda: 1,
    "contests": lambda: 2,
    "stages": Stage.objects.count,
    "debates": Debate.objects.count,
    "districts": District.objects.count,
    "subdistricts": Subdistrict.objects.count,
    "polling-stations": PollingStation.objects.count,
    "voter-counts": VoterCount.objects.count,
    "results": Result.objects.count,
    "candidate-pairs": CandidatePair.objects.count,
    "programmes": Programme.objects.count,
    "announcements": lambda: 2,
    "fact-checks": lambda: 2,
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("dataset", LISTS)
def test_every_list_answers_in_both_languages_with_every_item(client, world, dataset, lang):
    page = get_json(client, f"/api/v1/{dataset}", lang=lang)

    assert page["count"] == LISTS[dataset]() > 0
    assert len(page["results"]) == page["count"]
    assert page["next"] is None and page["previous"] is None


@pytest.mark.parametrize(
    ("url", "field", "indonesian", "english"),
    [
        ("/api/v1/elections/pilkada-contoh", "name", "Pilkada Contoh", "Example Pilkada"),
        (
            "/api/v1/contests/walikota-contoh",
            "office",
            "Wali Kota dan Wakil Wali Kota",
            "Mayor and Deputy Mayor",
        ),
        ("/api/v1/districts/kecamatan-contoh-1", "name", "Kecamatan Contoh 1", "Kecamatan Contoh 1"),
        ("/api/v1/subdistricts/kelurahan-contoh-1-2", "district", "kecamatan-contoh-1", "kecamatan-contoh-1"),
        ("/api/v1/candidate-pairs/walikota-contoh/1", "vision", "Visi contoh 1", "Example vision 1"),
    ],
)
def test_details_follow_the_lang_parameter_and_keep_identifiers(
    client, world, url, field, indonesian, english
):
    assert get_json(client, url)[field] == indonesian
    assert get_json(client, url, lang="id")[field] == indonesian
    assert get_json(client, url, lang="en")[field] == english


def test_published_announcement_and_fact_check_details_in_both_languages(client, world):
    announcement, fact_check = world["announcements"][0], world["fact_checks"][0]

    item = get_json(client, f"/api/v1/announcements/{announcement.slug}", lang="en")
    check = get_json(client, f"/api/v1/fact-checks/{fact_check.slug}")

    assert item["title"] == announcement.title_en
    assert item["url"] == f"http://testserver/en/pengumuman/{announcement.slug}/"
    assert item["body_html"] == "<p>The body with <strong>bold text</strong>.</p>"
    assert check["verdict"] == "hoaks" and check["verdict_label"] == "Hoaks" and check["rating"] == 1
    assert check["evidence"] == [{"label": "KPU contoh", "url": "https://kpu.example/rilis"}]


def test_election_times_carry_the_wita_offset(client, world):
    election = get_json(client, "/api/v1/elections/pilkada-contoh")

    assert election["voting_day"] == "2024-11-27"
    assert election["polls_open"] == "2024-11-27T07:00:00+08:00"
    assert election["polls_close"] == "2024-11-27T13:00:00+08:00"
    assert election["participation_target_min"] == 70.0
    assert election["url"] == "http://testserver/id/pemilihan/pilkada-contoh/"


def test_announcement_times_carry_the_wita_offset(client, world):
    announcement = world["announcements"][0]

    item = get_json(client, f"/api/v1/announcements/{announcement.slug}")

    assert item["published_at"] == timezone.localtime(announcement.publish_at).isoformat()
    assert item["published_at"].startswith("2024-10-09T") and item["published_at"].endswith("+08:00")


def test_region_codes_are_null_where_not_known(client, world):
    districts = {d["slug"]: d for d in get_json(client, "/api/v1/districts")["results"]}

    assert districts["kecamatan-contoh-1"]["code"] == "99.01.01"
    assert districts["kecamatan-contoh-2"]["code"] is None


def test_labels_follow_the_language_and_codes_do_not(client, world):
    indonesian = get_json(client, "/api/v1/contests/walikota-contoh")
    english = get_json(client, "/api/v1/contests/walikota-contoh", lang="en")

    assert indonesian["level"] == english["level"] == "kota"
    assert indonesian["level_label"] != english["level_label"] == "City (wali kota)"


def test_tps_accessibility_facts_are_null_until_checked(client, world):
    stations = get_json(client, "/api/v1/polling-stations", subdistrict="kelurahan-contoh-1-1")["results"]
    checked, unchecked = stations

    assert (checked["number"], checked["wide_door"], checked["braille_template"]) == (1, True, False)
    assert checked["accessibility_notes"] == "Ramp di gerbang samping."
    assert (unchecked["wide_door"], unchecked["braille_template"], unchecked["priority_seating"]) == (
        None,
    ) * 3
    assert unchecked["address"] is None and unchecked["voters"] is None
    assert all(station["source"] == "PPS contoh" and station["as_of"] == "2024-11-20" for station in stations)


def test_tps_filter_by_access_finds_the_unchecked_ones(client, world):
    unknown = get_json(client, "/api/v1/polling-stations", access="unknown")["results"]
    ramps = get_json(client, "/api/v1/polling-stations", access="ramp", lang="en")["results"]

    not_checked = str(PollingStation.Access.UNKNOWN.label)
    assert unknown and all(s["access"] is None and s["access_label"] == not_checked for s in unknown)
    assert ramps and all(s["access"] == "ramp" and s["access_label"] == "Steps with a ramp" for s in ramps)
    assert len(unknown) == PollingStation.objects.filter(access="").count()


def test_voter_counts_filter_by_list_stage_and_level_with_source_and_date(client, world):
    city = get_json(client, "/api/v1/voter-counts", list_stage="DPT", level="city")["results"]

    assert len(city) == 1
    (dpt,) = city
    assert (dpt["total"], dpt["male"], dpt["female"], dpt["polling_stations"]) == (2000, 1000, 1000, 8)
    assert dpt["level"] == "city" and dpt["district"] is None and dpt["area_name"] == "Seluruh kota"
    assert (dpt["source"], dpt["source_url"], dpt["as_of"]) == (
        "Pleno KPU contoh",
        "https://kpu.example/dpt",
        "2024-09-19",
    )
    assert dpt["list_stage_label"] == "DPT (daftar pemilih tetap)"


def test_voter_counts_of_a_district_include_its_kelurahan(client, world):
    figures = get_json(client, "/api/v1/voter-counts", district="kecamatan-contoh-1")["results"]

    levels = sorted((figure["level"], figure["list_stage"]) for figure in figures)
    assert levels == [
        ("district", "DPS"),
        ("district", "DPT"),
        ("subdistrict", "DPT"),
        ("subdistrict", "DPT"),
    ]
    assert all(figure["district"] == "kecamatan-contoh-1" for figure in figures)


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/v1/voter-counts", {"list_stage": "DPT"}), ("/api/v1/results", {"contest": "walikota-contoh"})],
)
def test_figures_list_the_city_then_each_kecamatan_followed_by_its_kelurahan(client, world, path, params):
    """The same order on SQLite and PostgreSQL, which sort a missing kecamatan differently."""
    rows = get_json(client, path, limit=100, **params)["results"]

    areas = [(row["level"], row["district"]) for row in rows]
    assert areas[0] == ("city", None)
    districts = [district for level, district in areas if level == "district"]
    assert districts == sorted(districts)
    for position, (level, district) in enumerate(areas):
        if level == "subdistrict":
            assert ("district", district) in areas[:position], (position, areas)


def test_results_derive_valid_votes_from_the_pairs(client, world):
    (city,) = get_json(client, "/api/v1/results", contest="walikota-contoh", level="city")["results"]

    assert [vote["ballot_number"] for vote in city["votes"]] == [1, 2]
    assert [vote["votes"] for vote in city["votes"]] == [200, 400]
    assert city["valid_votes"] == 600 and city["invalid_votes"] == 50
    assert city["votes"][0]["names"] == "Contoh Calon 1 & Contoh Wakil 1"


def test_a_result_without_pair_votes_has_unknown_valid_votes(client, world):
    (province,) = get_json(client, "/api/v1/results", contest="gubernur-contoh")["results"]

    assert province["votes"] == [] and province["valid_votes"] is None and province["invalid_votes"] == 7


def test_candidate_pairs_come_with_people_parties_programmes_and_documents(client, world):
    pairs = get_json(client, "/api/v1/candidate-pairs", contest="walikota-contoh", lang="en")["results"]

    assert [pair["ballot_number"] for pair in pairs] == [1, 2]
    first = pairs[0]
    assert [person["role"] for person in first["candidates"]] == ["head", "deputy"]
    assert first["candidates"][0]["title"] == "Candidate for mayor (wali kota)"
    assert first["candidates"][0]["education"] == ["Contoh MA", "Contoh BA"]
    assert first["candidates"][1]["education"] == [] and first["candidates"][1]["photo"] is None
    assert [party["abbreviation"] for party in first["parties"]] == ["PC1", "PC2"]
    assert first["mission"] == ["Mission one", "Mission two"]
    assert [p["theme"] for p in first["programmes"]] == ["pendidikan", "kesehatan"]
    assert first["documents"][0]["url"] == "https://kpu.example/visi-misi-walikota-contoh-1.pdf"
    assert (first["source"], first["as_of"]) == ("Keputusan KPU fiktif untuk pengujian", "2024-09-23")


def test_candidate_photos_are_links_to_the_stored_renditions(client, world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.candidates.photos import photo_bytes

    head = world["pairs"]["walikota-contoh"][0].candidates.get(role="head")
    head.photo = SimpleUploadedFile("potret.jpg", photo_bytes(size=(400, 500)), content_type="image/jpeg")
    head.photo_alt_ind = "Potret contoh"
    head.photo_source = "KPU contoh"
    head.save()

    person = get_json(client, "/api/v1/candidate-pairs/walikota-contoh/1")["candidates"][0]

    photo = person["photo"]
    assert (photo["description"], photo["source"]) == ("Potret contoh", "KPU contoh")
    stored = {rendition["name"] for kind in ("webp", "jpeg") for rendition in head.photo_renditions[kind]}
    assert {r["url"].removeprefix("http://testserver/media/") for r in photo["renditions"]} == stored
    assert {r["format"] for r in photo["renditions"]} == {"webp", "jpeg"}
    assert all(r["width"] <= 400 and r["height"] for r in photo["renditions"])


def test_programmes_filter_by_theme(client, world):
    health = get_json(client, "/api/v1/programmes", theme="kesehatan", contest="walikota-contoh")["results"]

    assert [(p["ballot_number"], p["title"]) for p in health] == [
        (1, "Program kesehatan 1"),
        (2, "Program kesehatan 2"),
    ]


@pytest.mark.parametrize(
    ("dataset", "params", "expected"),
    [
        ("contests", {"election": "pilkada-contoh"}, 2),
        ("contests", {"election": "tidak-ada"}, 0),
        ("stages", {"kind": "voting"}, 1),
        ("stages", {"phase": "persiapan"}, 0),
        ("debates", {"contest": "gubernur-contoh"}, 2),
        ("debates", {"election": "tidak-ada"}, 0),
        ("subdistricts", {"district": "kecamatan-contoh-2"}, 2),
        ("polling-stations", {"district": "kecamatan-contoh-1"}, 4),
        ("polling-stations", {"location_kind": "prison"}, 0),
        ("voter-counts", {"list_stage": "DPS"}, 2),
        ("voter-counts", {"subdistrict": "kelurahan-contoh-2-1"}, 1),
        ("results", {"level": "district", "election": "pilkada-contoh"}, 2),
        ("results", {"district": "kecamatan-contoh-2"}, 1),
        ("candidate-pairs", {"election": "pilkada-contoh", "contest": "gubernur-contoh"}, 2),
        ("announcements", {"category": "umum"}, 2),
        ("announcements", {"category": "politik-uang"}, 0),
        ("announcements", {"election": "pilkada-contoh"}, 2),
        ("fact-checks", {"verdict": "benar"}, 0),
        ("fact-checks", {"verdict": "hoaks"}, 2),
    ],
)
def test_filters_narrow_the_list(client, world, dataset, params, expected):
    assert get_json(client, f"/api/v1/{dataset}", **params)["count"] == expected


def test_pages_link_to_each_other_until_every_item_is_seen(client, world):
    seen, url, params = [], "/api/v1/subdistricts", {"limit": 3}
    while url:
        page = get_json(client, url, **params)
        assert page["count"] == 4 and page["limit"] == 3
        seen += [item["slug"] for item in page["results"]]
        url, params = page["next"], {}

    assert seen == list(Subdistrict.objects.order_by("district__name", "name").values_list("slug", flat=True))


def test_a_later_page_links_back_and_keeps_the_filters(client, world):
    page = get_json(client, "/api/v1/voter-counts", list_stage="DPT", limit=2, offset=2, lang="en")

    assert page["offset"] == 2 and len(page["results"]) == 2
    assert page["previous"] == "http://testserver/api/v1/voter-counts?list_stage=DPT&limit=2&offset=0&lang=en"
    assert page["next"] == "http://testserver/api/v1/voter-counts?list_stage=DPT&limit=2&offset=4&lang=en"


def test_an_offset_past_the_end_is_an_empty_page_not_an_error(client, world):
    page = get_json(client, "/api/v1/districts", offset=1000)

    assert page["count"] == 2 and page["results"] == [] and page["next"] is None


def test_the_index_lists_every_dataset_with_licence_and_addresses(client, world):
    datasets = get_json(client, "/api/v1", lang="en")

    assert [d["key"] for d in datasets] == list(LISTS)
    voters = next(d for d in datasets if d["key"] == "voter-counts")
    assert voters["title"] == "Voter counts" and voters["licence"] == "CC BY 4.0"
    assert voters["csv_url"] == "http://testserver/api/v1/voter-counts.csv"
    assert voters["json_url"] == "http://testserver/api/v1/voter-counts"
    assert voters["last_update"] is not None and voters["last_update"].endswith("+08:00")


def test_api_home_and_docs_addresses_lead_to_the_index_and_the_reference(client):
    assert client.get("/api/").url == "/api/v1"
    assert client.get("/api/docs/").url == "/id/data/api/"
    assert client.get("/api/docs/?lang=en").url == "/en/data/api/"


def test_each_point_names_its_own_source_date_and_note(client, world):
    rows = get_json(client, "/api/v1/programmes", contest="walikota-contoh", lang="en")["results"]

    assert rows
    for row in rows:
        assert row["kind"] == "programme"
        assert row["source"] == "Dokumen visi misi contoh" and row["as_of"] == "2024-09-25"
        number = row["ballot_number"]
        assert row["source_url"] == f"https://kpu.example/visi-misi-walikota-contoh-{number}.pdf"
        assert row["note"] == "Example note"


def test_points_filter_by_kind_and_come_vision_first(client, world):
    pair = world["pairs"]["walikota-contoh"][0]
    Programme.objects.create(
        pair=pair,
        kind="vision",
        theme=world["themes"][1],
        title_ind="Visi contoh yang diberitakan",
        source="berita.example",
        as_of=date(2024, 10, 23),
    )

    everything = get_json(client, "/api/v1/programmes", contest="walikota-contoh")["results"]
    visions = get_json(client, "/api/v1/programmes", contest="walikota-contoh", kind="vision")["results"]
    detail = get_json(client, "/api/v1/candidate-pairs/walikota-contoh/1")

    assert everything[0]["kind"] == "vision" and {row["kind"] for row in everything[1:]} == {"programme"}
    assert [(row["title"], row["source_url"], row["note"]) for row in visions] == [
        ("Visi contoh yang diberitakan", None, None)
    ]
    assert [p["kind"] for p in detail["programmes"]] == ["vision", "programme", "programme"]
    assert detail["programmes"][0]["source"] == "berita.example"


def test_candidates_come_with_their_reported_backgrounds(client, world):
    pair = world["pairs"]["walikota-contoh"][0]
    Background.objects.create(
        pair=pair,
        role="deputy",
        text_ind="Guru contoh",
        text_en="Example teacher",
        source="berita.example",
        source_url="https://berita.example/profil",
        as_of=date(2023, 11, 3),
    )

    head, deputy = get_json(client, "/api/v1/candidate-pairs/walikota-contoh/1", lang="en")["candidates"]

    assert head["background"] == []
    assert deputy["background"] == [
        {
            "source": "berita.example",
            "source_url": "https://berita.example/profil",
            "as_of": "2023-11-03",
            "note": None,
            "text": "Example teacher",
        }
    ]
