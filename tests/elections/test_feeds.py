"""Corrections to published results (issue 21): the change log page and its Atom feed show what
changed, when and why; the API gives the last correction's note."""

import pytest

from elections.models import Result

pytestmark = pytest.mark.django_db

MAYOR = "walikota-balikpapan-2024"
LOG = "/id/pemilihan/pilkada-2024/hasil/riwayat/"
REASON = "Salah ketik pada rekap Balikpapan Utara; diperbaiki sesuai SK KPU 411/2024."


@pytest.fixture
def corrected(demo):
    """A test-only correction of the official city result (the numbers are made up)."""
    result = Result.objects.get(
        contest__slug=MAYOR, district__isnull=True, subdistrict__isnull=True, count_stage="rekap-kota"
    )
    vote = result.votes.get(pair__ballot_number=2)
    result.correction_ind = REASON
    result.correction_en = (
        "A typing error in North Balikpapan's recapitulation; corrected per SK KPU 411/2024."
    )
    result.save()
    original = vote.votes
    vote.votes = original + 10
    vote.save()
    return original


def test_the_change_log_shows_what_changed_when_and_why(client, corrected):
    html = " ".join(client.get(LOG).content.decode().split())

    assert "Wali Kota dan Wakil Wali Kota" in html
    assert f"{corrected:,}".replace(",", ".") + " → " + f"{corrected + 10:,}".replace(",", ".") in html
    assert "Alasan: " + REASON in html
    assert "WITA" in html


def test_a_result_entered_for_the_first_time_is_not_a_correction(client, demo):
    html = client.get(LOG).content.decode()

    assert "Belum ada angka terbitan pemilihan ini yang diubah." in html


def test_the_feed_carries_each_correction_in_the_readers_language(client, corrected):
    feed = client.get("/en/pemilihan/pilkada-2024/hasil/riwayat/feed/")
    body = feed.content.decode()

    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Corrections to the results of" in body
    assert "A typing error in North Balikpapan" in body
    assert f"{corrected:,}".replace(",", ".") in body
    assert "/en/pemilihan/pilkada-2024/hasil/riwayat/#koreksi-" in body


def test_the_api_gives_the_last_correction_of_a_result(client, corrected):
    rows = client.get(f"/api/v1/results?contest={MAYOR}&level=city&count_stage=rekap-kota").json()["results"]

    assert rows[0]["correction"] == REASON


def test_a_withdrawn_result_is_listed(client, corrected):
    Result.objects.filter(contest__slug=MAYOR, district__name="Balikpapan Barat").delete()

    html = client.get("/en" + LOG[3:]).content.decode()

    assert "The whole result" in html and "withdrawn" in html
