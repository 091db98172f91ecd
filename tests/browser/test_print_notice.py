"""The RT notice prints on one A4 sheet and its QR code leads to the kelurahan page."""

import io
import re
from datetime import date
from io import StringIO

import pytest
import zxingcpp
from django.core.management import call_command
from PIL import Image

from elections.models import Election, PollingStation, Subdistrict


@pytest.fixture
def crowded_kelurahan(transactional_db):
    """Demo data plus 32 TPS with long addresses: about as many as a real kelurahan has."""
    call_command("load_demo", stdout=StringIO())
    subdistrict = Subdistrict.objects.select_related("district").get(slug="gunung-samarinda")
    for number in range(1, 33):
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=subdistrict,
            number=number,
            address=f"Halaman Sekolah Dasar Contoh {number}, Jalan Contoh Panjang Sekali RT {number:02d}",
            access=PollingStation.Access.RAMP,
            braille_template=number % 2 == 0,
            source="PPS contoh",
            as_of=date(2024, 11, 20),
        )
    return subdistrict


def test_the_notice_fits_one_a4_sheet(live_server, browser, crowded_kelurahan):
    page = browser.new_page()
    page.goto(f"{live_server.url}{crowded_kelurahan.get_absolute_url()}cetak/")
    page.emulate_media(media="print")

    pdf = page.pdf(format="A4", print_background=False)

    page.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_qr_code_decodes_to_the_kelurahan_page(live_server, browser, crowded_kelurahan):
    page = browser.new_page(device_scale_factor=2)
    page.goto(f"{live_server.url}{crowded_kelurahan.get_absolute_url()}cetak/")

    picture = Image.open(io.BytesIO(page.locator(".print-sheet__qr svg").screenshot()))

    page.close()
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(picture)]
    assert decoded == [f"http://testserver{crowded_kelurahan.get_absolute_url()}"]
