"""A reader reports an error from any page with figures or candidates; bad input is refused unstored."""

import pytest

from feedback.models import Report

from .conftest import send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/id/jadwal/", "/en/pemilih/", "/id/calon/", "/id/cari-tps/"])
def test_public_pages_link_to_the_report_form_for_themselves_and_stay_cookie_free(client, demo, path):
    response = client.get(path, {"fbclid": "abc"})

    html = response.content.decode()
    assert f'href="/{path[1:3]}/laporkan/?dari=%2F{path[1:3]}%2F' in html
    assert "fbclid" not in html.split("laporkan/?dari=")[1].split('"')[0]
    assert not response.cookies and "public" in response["Cache-Control"]


def test_a_report_is_stored_with_its_page_and_language_and_thanked(reader, demo):
    response = send(
        reader, page="/id/cari-tps/?kelurahan=damai&rt=4", message="Alamat TPS 002 untuk RT 004 salah."
    )

    assert response.status_code == 302 and response["Location"] == "/id/laporkan/terima-kasih/"
    report = Report.objects.get()
    assert (report.page, report.language, report.status) == (
        "/id/cari-tps/?kelurahan=damai&rt=4",
        "id",
        "open",
    )
    assert "Terima kasih" in reader.get(response["Location"]).content.decode()


def test_the_form_page_is_never_cached(reader, demo):
    response = reader.get("/en/laporkan/", {"dari": "/en/jadwal/"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert 'name="page" value="/en/jadwal/"' in response.content.decode()


@pytest.mark.parametrize(
    "dari", ["", "https://evil.example/", "//evil.example/x", "/admin/", "/id/nope/", "/id/laporkan/"]
)
def test_the_form_only_opens_for_a_page_of_the_portal(reader, demo, dari):
    assert reader.get("/id/laporkan/", {"dari": dari}).status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"message": ""}, "Tulis apa yang salah"),
        ({"message": "salah"}, "Jelaskan sedikit lebih banyak"),
        ({"message": "x" * 2001}, "paling banyak 2000 karakter"),
        (
            {"message": "Lihat http://a.example http://b.example http://c.example"},
            "paling banyak memuat 2 tautan",
        ),
        ({"contact": "https://spam.example"}, "bukan tautan"),
        ({"page": "https://evil.example/"}, "tidak berasal dari halaman portal"),
    ],
)
def test_bad_reports_get_a_clear_error_and_nothing_is_stored(reader, demo, fields, message):
    response = send(reader, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_a_flood_from_one_address_is_refused_and_not_stored(reader, demo, settings):
    settings.PORTAL_REPORTS_PER_HOUR = 3
    statuses = [send(reader, message=f"Laporan nomor {i}: angka DPT salah.").status_code for i in range(5)]

    assert statuses == [302, 302, 302, 429, 429]
    assert Report.objects.count() == 3
    assert "Mohon tunggu" in send(reader).content.decode()


def test_another_address_may_still_report_during_a_flood(demo, settings):
    from django.test import Client

    settings.PORTAL_REPORTS_PER_HOUR = 1
    assert send(Client(REMOTE_ADDR="10.0.0.1")).status_code == 302
    assert send(Client(REMOTE_ADDR="10.0.0.1")).status_code == 429
    assert send(Client(REMOTE_ADDR="10.0.0.2")).status_code == 302


def test_the_report_form_speaks_english_on_english_pages(reader, demo):
    html = reader.get("/en/laporkan/", {"dari": "/en/"}).content.decode()

    assert "Report an error" in html and "What is wrong on this page?" in html
