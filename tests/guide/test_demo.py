"""The demo guide's contacts of the election bodies: each fact with its source, nothing unverified."""

from io import StringIO

import pytest
from django.utils import translation

from guide import demo
from guide.models import Section

pytestmark = pytest.mark.django_db


def load():
    output = StringIO()
    with translation.override("id"):
        demo.load(output)
    return output.getvalue()


def contacts_html(client, lang):
    html = client.get(f"/{lang}/cara-memilih/").content.decode()
    return html.split('id="kontak-penyelenggara"')[1].split("</section>")[0]


def test_loading_twice_changes_nothing():
    load()
    history = Section.history.count()
    stamps = dict(Section.objects.values_list("slug", "updated_at"))

    load()

    assert dict(Section.objects.values_list("slug", "updated_at")) == stamps
    assert Section.history.count() == history


@pytest.mark.parametrize(
    ("lang", "unverified", "unknown"),
    [("id", "belum terverifikasi", "belum tersedia"), ("en", "not yet verified", "not yet available")],
)
def test_the_guide_names_each_election_bodys_chair_and_website_with_sources(
    client, lang, unverified, unknown
):
    load()

    html = contacts_html(client, lang)

    for body in ("KPU Kota Balikpapan", "Bawaslu Kota Balikpapan", "KPU Provinsi Kalimantan Timur"):
        assert body in html
    for chair in ("Prakoso Yudho Lelono", "Wasanti", "Fahmi Idris"):
        assert chair in html
    assert (
        'href="https://kota-balikpapan.kpu.go.id"' in html
        and 'href="https://balikpapan.bawaslu.go.id"' in html
    )
    assert 'href="https://borneoflash.com/2024/09/19/' in html and "2024" in html
    assert (
        "Jl. Basuki Rahmat No. 02, Samarinda" in html and 'href="https://borneoupdate.com/?p=36266"' in html
    )
    assert unverified in html and unknown in html


def test_the_unverified_kpu_balikpapan_address_is_not_shown(client):
    load()

    for lang in ("id", "en"):
        assert "Sudirman" not in client.get(f"/{lang}/cara-memilih/").content.decode()
