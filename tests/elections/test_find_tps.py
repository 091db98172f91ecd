"""Find your TPS: the RTs a TPS serves and its coordinates, in the model, the importer, the
training city and the public finder (cacheable, cookie-free, clear about bad input)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from elections import training
from elections.importers import PollingStationImporter
from elections.models import PollingStation, rts
from tests.support.city import csv_rows, kelurahan

pytestmark = pytest.mark.django_db

TPS_HEADER = "election,kecamatan,kelurahan,number,rt,latitude,longitude,as_of,source"


def station(election, subdistrict, number, **fields):
    return PollingStation.objects.create(
        election=election,
        subdistrict=subdistrict,
        number=number,
        address=fields.pop("address", f"Jl. Contoh {number}"),
        source="PPS contoh",
        as_of=date(2024, 11, 20),
        **fields,
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("RT 001-005, 012", "001-005, 012"),
        ("1-5;12", "001-005, 012"),
        ("rt 3 s/d 7, RT 4, 8", "003-008"),
        ("12, 1–2", "001-002, 012"),
        ("", ""),
    ],
)
def test_rt_lists_are_read_as_staff_write_them_and_stored_in_one_form(typed, stored):
    assert rts.normalise(typed) == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("7-3", "runs backwards"),
        ("RT lima", "is not an RT number"),
        ("0", "from 1 to 999"),
        ("5-1000", "999"),
    ],
)
def test_a_bad_rt_list_names_the_bad_part(typed, problem):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        rts.parse(typed)

    assert problem in " ".join(raised.value.messages)


@pytest.mark.parametrize(
    ("typed", "number"), [("5", 5), ("005", 5), ("RT 5", 5), ("005/003", 5), ("abc", None)]
)
def test_a_reader_may_type_their_rt_as_on_the_ktp(typed, number):
    assert rts.number(typed) == number


def test_the_model_normalises_rts_and_refuses_coordinates_outside_balikpapan(city):
    tps = PollingStation(
        election=city, subdistrict=kelurahan("Damai"), number=1, source="s", as_of=date(2024, 11, 20)
    )
    tps.rts = "rt 1-3, 7"
    tps.full_clean()
    assert tps.rts == "001-003, 007"

    tps.latitude, tps.longitude = Decimal("116.85"), Decimal("-1.24")  # swapped
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        tps.full_clean()
    assert set(raised.value.message_dict) == {"latitude", "longitude"}

    tps.latitude, tps.longitude = Decimal("-1.24"), None
    with pytest.raises(ValidationError) as raised:
        tps.full_clean()
    assert "longitude" in raised.value.message_dict


def test_the_database_refuses_half_or_outside_coordinates(city):
    with pytest.raises(IntegrityError), transaction.atomic():
        station(city, kelurahan("Damai"), 1, latitude=Decimal("-1.24"))
    with pytest.raises(IntegrityError), transaction.atomic():
        station(city, kelurahan("Damai"), 1, latitude=Decimal("-0.5"), longitude=Decimal("116.9"))


def test_a_tps_with_coordinates_links_to_openstreetmap(city):
    tps = station(city, kelurahan("Damai"), 1, latitude=Decimal("-1.2379"), longitude=Decimal("116.8529"))

    assert tps.map_url == (
        "https://www.openstreetmap.org/?mlat=-1.237900&mlon=116.852900#map=18/-1.237900/116.852900"
    )


def test_rts_and_coordinates_import_with_the_tps(city):
    report = PollingStationImporter(
        csv_rows(
            'pilkada-2024,,Damai,1,RT 001-003,"-1,2379",116.8529,2024-11-20,PPS',
            "pilkada-2024,,Damai,2,4;5,,,2024-11-20,PPS",
            header=TPS_HEADER,
        )
    ).run()

    assert report.applied, report.problems
    first, second = PollingStation.objects.order_by("number")
    assert (first.rts, first.latitude, first.longitude) == (
        "001-003",
        Decimal("-1.237900"),
        Decimal("116.852900"),
    )
    assert (second.rts, second.latitude) == ("004-005", None)


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("RT 9-2,,", "rt", "runs backwards"),
        ("1,-1.24,", "longitude", "Give both latitude and longitude"),
        ("1,1.24,116.85", "latitude", "outside Kota Balikpapan"),
        ("1,-1.24,117.5", "longitude", "outside Kota Balikpapan"),
        ("1,1°14'S,116.85", "latitude", "decimal degrees"),
    ],
)
def test_bad_rts_and_coordinates_are_named_by_cell_and_import_nothing(city, cells, column, message):
    with translation.override("en"):
        report = PollingStationImporter(
            csv_rows(f"pilkada-2024,,Damai,1,{cells},2024-11-20,PPS", header=TPS_HEADER)
        ).run()

    assert [(p.line, p.column) for p in report.problems] == [(2, column)]
    assert message in report.problems[0].message
    assert PollingStation.objects.count() == 0


def test_the_template_offers_the_new_columns(city):
    header, _rows = PollingStationImporter.template(city)

    assert {"rt", "latitude", "longitude"} <= set(header)


def test_every_training_tps_serves_a_run_of_rts_that_covers_its_kelurahan(city):
    rows = training.build(city).polling_stations

    by_kelurahan = {}
    for row in rows:
        by_kelurahan.setdefault(row["kelurahan"], []).append(rts.parse(row["rt"]))
    assert len(by_kelurahan) == 34
    for ranges in by_kelurahan.values():
        covered = sorted({rt for found in ranges for rt in rts.every_rt(found)})
        assert covered == list(range(1, covered[-1] + 1))  # no RT of the kelurahan left out
        assert all(found for found in ranges)


# --- the public finder -------------------------------------------------------------------


@pytest.fixture
def damai(city):
    area = kelurahan("Damai")
    station(city, area, 1, rts="001-003")
    station(city, area, 2, rts="003-005", latitude=Decimal("-1.2379"), longitude=Decimal("116.8529"))
    station(city, area, 3)  # RTs not yet entered
    return area


def test_the_finder_shows_the_tps_that_serve_the_rt_with_a_map_link(client, damai):
    response = client.get("/id/cari-tps/", {"kelurahan": "damai", "rt": "3"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="tps-1"' in html and 'id="tps-2"' in html and 'id="tps-3"' not in html
    assert "https://www.openstreetmap.org/?mlat=-1.237900&amp;mlon=116.852900" in html
    assert "https://cekdptonline.kpu.go.id/" in html
    assert "<script" not in html.split("</head>")[1]  # no map script or tiles on the page


def test_the_finder_page_is_public_cookie_free_and_cached_per_kelurahan_and_rt(client, damai):
    first = client.get("/en/cari-tps/", {"kelurahan": "damai", "rt": "1"})
    other_rt = client.get("/en/cari-tps/", {"kelurahan": "damai", "rt": "5"})

    assert "public" in first["Cache-Control"] and not first.cookies
    assert 'id="tps-1"' in first.content.decode() and 'id="tps-1"' not in other_rt.content.decode()
    assert 'id="tps-2"' in other_rt.content.decode()


def test_choosing_only_the_kelurahan_offers_its_rts_to_pick(client, damai):
    html = client.get("/id/cari-tps/", {"kelurahan": "damai"}).content.decode()

    assert '<select id="finder-rt" name="rt"' in html
    assert '<option value="5">RT 005</option>' in html and '<option value="6">' not in html


def test_an_rt_written_another_way_redirects_to_its_one_address(client, damai):
    response = client.get("/id/cari-tps/", {"kelurahan": "damai", "rt": "005/002"})

    assert response.status_code == 302
    assert response["Location"] == "/id/cari-tps/?kelurahan=damai&rt=5"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"kelurahan": "atlantis", "rt": "1"}, 404, "Tidak ada kelurahan"),
        ({"kelurahan": "damai", "rt": "lima"}, 400, "bukan nomor RT"),
        ({"kelurahan": "damai", "rt": "9"}, 404, "Belum ada TPS yang tercatat melayani RT 009"),
        ({"kelurahan": "", "rt": "1"}, 400, "Pilih kelurahan Anda"),
        ({"kelurahan": "damai", "rt": "1\x00"}, 400, 'aria-invalid="true"'),
    ],
)
def test_bad_or_unknown_choices_get_a_clear_message_and_are_not_cached(client, damai, query, status, message):
    response = client.get("/id/cari-tps/", query)

    assert response.status_code == status
    assert message in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_a_kelurahan_without_rts_on_record_says_so_and_points_to_kpu(client, city):
    station(city, kelurahan("Teritip"), 1)

    html = client.get("/id/cari-tps/", {"kelurahan": "teritip"}).content.decode()

    assert "belum tercatat" in html
    assert "cekdptonline.kpu.go.id" in html


def test_the_finder_runs_a_fixed_number_of_queries(client, damai, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/id/cari-tps/", {"kelurahan": "damai", "rt": "3"})


def test_the_finder_is_in_the_sitemap_in_both_languages(client, city):
    xml = client.get("/sitemap.xml").content.decode()

    # At the election's permanent address (elections.links), which the short one names canonical.
    assert "/id/pemilihan/pilkada-2024/cari-tps/" in xml and "/en/pemilihan/pilkada-2024/cari-tps/" in xml


def test_kpu_check_by_nik_is_linked_from_the_home_page_and_the_guide(client, demo):
    for path in ("/id/", "/en/", "/id/cara-memilih/"):
        assert "https://cekdptonline.kpu.go.id/" in client.get(path).content.decode(), path


def test_a_shared_link_with_tracking_parameters_opens_the_empty_finder(client, damai):
    response = client.get("/id/cari-tps/", {"fbclid": "IwAR0abc", "utm_source": "whatsapp"})

    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert "aria-invalid" not in response.content.decode()
