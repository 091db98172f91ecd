"""The one-page notice a Ketua RT prints for the board, with a QR code to the kelurahan page."""

import re

import pytest
import segno

from elections.models import Subdistrict

pytestmark = pytest.mark.django_db


def test_the_notice_renders_for_every_kelurahan_with_a_qr_code_to_its_page(client, demo):
    subdistricts = list(Subdistrict.objects.select_related("district"))
    assert len(subdistricts) == 34

    for subdistrict in subdistricts:
        url = f"{subdistrict.get_absolute_url()}cetak/"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page_url = f"http://testserver{subdistrict.get_absolute_url()}"
        # The drawn code is exactly the code of the kelurahan's address (decoding is in the browser tests).
        expected = segno.make(page_url, error="m").svg_inline(
            dark="#000", light="#fff", svgclass="qr", lineclass=None, omitsize=True
        )
        assert expected in html, url
        assert subdistrict.name in html


def test_the_notice_holds_what_a_voter_needs(client, demo, settings):
    settings.PORTAL_CLOCK = "2024-11-20T09:00+08:00"
    html = client.get("/id/pemilih/balikpapan-kota/damai/cetak/").content.decode()

    assert "Rabu, 27 November 2024" in html and "07.00–13.00 WITA" in html
    assert "Rahmad Mas&#x27;ud" in html and "Rudy Mas&#x27;ud" in html
    assert "<strong>Bawaslu Kota Balikpapan</strong>: balikpapan.bawaslu.go.id" in html
    assert "testserver/id/cara-memilih/#kontak-penyelenggara" in html
    assert "Dicetak pada 20 November 2024" in html
    assert "520.986" in html  # the DPT figure, with its source
    assert re.search(r"Rapat pleno penetapan DPT KPU Kota Balikpapan", html)


def test_the_notice_lists_the_tps_with_their_rts_step_free_entrance_and_braille_template(client, demo):
    from datetime import date

    from elections.models import Election, PollingStation

    subdistrict = Subdistrict.objects.get(slug="damai")
    PollingStation.objects.create(
        election=Election.objects.get(),
        subdistrict=subdistrict,
        number=5,
        address="Halaman Kantor Contoh",
        rts="RT 001-004, 012",
        access=PollingStation.Access.GROUND_LEVEL,
        braille_template=True,
        source="PPS contoh",
        as_of=date(2024, 11, 20),
    )

    html = client.get("/id/pemilih/balikpapan-kota/damai/cetak/").content.decode()

    assert re.search(
        r"<tr><td>005</td><td>001-004, 012</td><td>Halaman Kantor Contoh</td><td>ya</td><td>Ya\s*</td></tr>",
        html,
    )
    assert '<th scope="col">Tanpa tangga</th><th scope="col">Braille</th>' in html


def test_the_notice_names_every_source_of_its_tps_with_its_date(client, demo):
    from datetime import date

    from elections.models import Election, PollingStation

    subdistrict = Subdistrict.objects.get(slug="damai")
    for number, source, day in ((5, "PPS contoh", 20), (6, "KPPS contoh", 21), (7, "PPS contoh", 20)):
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=subdistrict,
            number=number,
            address=f"Alamat contoh {number}",
            source=source,
            as_of=date(2024, 11, day),
        )

    html = client.get("/id/pemilih/balikpapan-kota/damai/cetak/").content.decode()

    assert html.count("TPS: PPS contoh, 20 November 2024;") == 1
    assert "TPS: KPPS contoh, 21 November 2024;" in html


def test_a_kelurahan_under_the_wrong_kecamatan_has_no_notice(client, demo):
    assert client.get("/id/pemilih/balikpapan-utara/damai/cetak/").status_code == 404
