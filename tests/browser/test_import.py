"""Staff in a real browser at desktop size: the whole city imported from the downloaded template
with a preview and a confirmation, and the fairness confirmation on a candidate pair."""

import openpyxl
from PIL import Image
from playwright.sync_api import expect

from candidates.models import CandidatePair
from elections import training
from elections.models import Election, PollingStation, VoterCount

from .conftest import screenshot


def test_a_publisher_imports_the_whole_city_from_the_template(live_server, staff, sign_in, tmp_path):
    page = sign_in("penerbit")
    page.goto(live_server.url + "/admin/elections/votercount/")
    page.get_by_role("link", name="Impor dari lembar kerja").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Templat (XLSX)").click()
    downloaded = tmp_path / download.value.suggested_filename
    download.value.save_as(downloaded)
    template = openpyxl.load_workbook(downloaded).active
    rows = list(template.iter_rows(values_only=True))
    city = training.build(Election.objects.get())
    header, figures = city.table("voter_counts")
    by_place = {(row[2] or "", row[3] or "", row[1]): row for row in figures}
    for row in template.iter_rows(min_row=2):
        place = (row[2].value or "", row[3].value or "", "DPT")
        for cell, value in zip(row, by_place[place], strict=False):
            cell.value = value
    filled = tmp_path / "dpt-balikpapan.xlsx"
    template.parent.save(filled)

    page.set_input_files("#id_file", str(filled))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    expect(page.locator(".portal-import-summary")).to_contain_text("Belum ada yang disimpan")
    expect(page.locator(".portal-import-preview")).to_contain_text("DPT · Damai")
    screenshot(page, "staff-import-preview-1280.png")
    before = VoterCount.objects.count()
    page.get_by_role("button", name="Konfirmasi dan impor").click()

    expect(page.locator(".messagelist")).to_contain_text("Diimpor")
    assert len(rows) == 1 + 1 + 6 + 34
    assert before == 8
    assert VoterCount.objects.filter(list_stage="DPT", subdistrict__isnull=False).count() == 34
    assert sign_in.reports == []


def test_a_file_with_problems_lists_them_and_imports_nothing(live_server, staff, sign_in, tmp_path):
    bad = tmp_path / "tps.csv"
    bad.write_text(
        "pemilihan;kecamatan;kelurahan;nomor;pemilih;per_tanggal;sumber\n"
        "pilkada-2024;Balikpapan Utara;Damai;1;700;19/09/2024;Pleno\n"
        "pilkada-2024;;Sepinggan;2;١٠٠;19/09/2024;Pleno\n"
    )
    page = sign_in("penerbit")
    page.goto(live_server.url + "/admin/elections/pollingstation/import/")

    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Unggah dan pratinjau").click()

    problems = page.locator(".portal-import-problems tbody tr")
    expect(problems).to_have_count(3)
    expect(page.locator(".portal-import-problems")).to_contain_text("Maksud Anda kecamatan Balikpapan Kota?")
    screenshot(page, "staff-import-problems-1280.png")
    assert PollingStation.objects.count() == 0
    assert sign_in.reports == []


def test_a_publisher_confirms_an_uneven_save_with_a_reason(live_server, staff, sign_in, tmp_path):
    pair = CandidatePair.objects.select_related("contest").order_by("contest__order", "ballot_number").first()
    photo = tmp_path / "foto-uji.jpg"
    Image.new("RGB", (600, 800), (120, 140, 160)).save(photo, "JPEG")
    page = sign_in("penerbit")
    page.goto(f"{live_server.url}/admin/candidates/candidatepair/{pair.pk}/change/")

    page.set_input_files("#id_candidates-0-photo", str(photo))
    page.fill("#id_candidates-0-photo_alt_ind", "Foto uji coba")
    page.locator("input[name=_save]").click()
    expect(page.locator("#fairness")).to_be_visible()
    screenshot(page, "staff-fairness-check-1280.png")
    assert pair.candidates.filter(photo="").count() == 2

    page.set_input_files("#id_candidates-0-photo", str(photo))
    page.check("#id_confirm_uneven")
    page.fill("#id_uneven_reason", "Pasangan lain belum menyerahkan foto")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    assert pair.candidates.exclude(photo="").count() == 1
    assert "Pasangan lain belum menyerahkan foto" in pair.history.latest().history_change_reason
    assert sign_in.reports == []
