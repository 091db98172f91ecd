"""The admin screens for the published facts: debates, announced turnout and the area codes."""

from datetime import date, time

import pytest
from django.urls import reverse

from elections.models import Debate, District, Subdistrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate(contest):
    return Debate.objects.create(
        contest=contest,
        number=3,
        date=date(2024, 11, 22),
        start_time=time(20, 0),
        venue_ind="Hotel Uji",
        city="Balikpapan",
        organiser="KPU Kota Balikpapan",
        theme_ind="Ekonomi dan lingkungan",
        theme_en="Economy and environment",
        source="berita.example",
        source_url="https://berita.example/debat-3",
        source_date=date(2024, 11, 21),
    )


def test_staff_find_a_debate_by_its_theme_and_see_its_source(admin_client, debate):
    url = reverse("admin:elections_debate_changelist")

    found = admin_client.get(url, {"q": "lingkungan"}).content.decode()
    missed = admin_client.get(url, {"q": "pendidikan"}).content.decode()

    assert "Debat publik 3" in found and "berita.example" in found
    assert "Debat publik 3" not in missed


def test_the_debate_form_groups_time_place_and_source_and_warns_against_estimates(admin_client, debate):
    html = admin_client.get(reverse("admin:elections_debate_change", args=[debate.pk])).content.decode()

    for heading in ("Waktu", "Tempat dan cara mengikutinya", "Catatan dan sumber"):
        assert heading in html
    assert "jangan memperkirakan" in html
    assert 'name="theme_en"' in html and 'name="source_url"' in html


def test_staff_find_a_kelurahan_by_either_code(admin_client, areas):
    subdistrict = Subdistrict.objects.first()
    Subdistrict.objects.filter(pk=subdistrict.pk).update(code="64.71.06.1005", bps_code="6471011005")
    District.objects.filter(pk=subdistrict.district_id).update(code="64.71.06", bps_code="6471011")
    url = reverse("admin:elections_subdistrict_changelist")

    by_kemendagri = admin_client.get(url, {"q": "64.71.06.1005"}).content.decode()
    by_bps = admin_client.get(url, {"q": "6471011005"}).content.decode()

    assert subdistrict.name in by_kemendagri and subdistrict.name in by_bps
    assert "6471011005" in by_kemendagri  # the BPS code is a column of the list
    district_list = admin_client.get(reverse("admin:elections_district_changelist"), {"q": "6471011"})
    assert "6471011" in district_list.content.decode()
