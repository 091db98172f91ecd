"""Staff in a real browser at desktop size: an editor proposes a correction to a published
announcement, a publisher publishes it, readers see it; an administrator reads the activity log.
No step may break the Content-Security-Policy."""

from playwright.sync_api import expect

from announcements.models import Announcement

from .conftest import screenshot

CORRECTED = "Koreksi uji coba: TPS buka pukul 07.00 WITA."
NOTE = "Jam buka TPS diperbaiki."


def test_an_editor_proposes_a_correction_and_a_publisher_publishes_it(live_server, staff, sign_in):
    item = Announcement.objects.published().order_by("pk").first()
    public_url = live_server.url + item.get_absolute_url()

    page = sign_in("penyunting")
    page.goto(f"{live_server.url}/admin/announcements/announcement/{item.pk}/change/")
    page.get_by_role("link", name="Usulkan koreksi").click()
    page.get_by_role("button", name="Usulkan koreksi").click()
    expect(page.locator(".messagelist")).to_contain_text("Koreksi diusulkan")
    page.fill("#id_body_ind", CORRECTED)
    page.fill("#id_correction_note_ind", NOTE)
    page.select_option("#id_status", "review")
    screenshot(page, "staff-correction-proposed-1280.png")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    meanwhile = page.request.get(public_url).text()

    page = sign_in("penerbit")
    expect(page.locator("#dashboard")).to_contain_text("usulan koreksi")
    page.goto(live_server.url + "/admin/announcements/announcement/?status__exact=review&koreksi=ya")
    page.locator("#result_list a", has_text=item.title_ind).first.click()
    page.select_option("#id_status", "published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Koreksi sudah diterbitkan")

    page.goto(public_url)
    expect(page.locator("main")).to_contain_text(CORRECTED)
    expect(page.locator("main")).to_contain_text("Diperbarui pada")
    screenshot(page, "staff-correction-published-1280.png")
    change_log = page.request.get(public_url + "riwayat/").text()

    assert CORRECTED not in meanwhile
    assert NOTE in change_log
    assert not Announcement.objects.filter(revision_of__isnull=False).exists()
    assert sign_in.reports == []


def test_an_administrator_filters_the_activity_log(live_server, staff, sign_in):
    page = sign_in("admin-kota")
    page.get_by_role("link", name="Siapa mengubah apa, di seluruh portal").click()
    page.select_option("#id_kind", "announcements.announcement")
    page.get_by_role("button", name="Saring").click()

    rows = page.locator("#activity-log tbody tr")
    expect(rows.first).to_contain_text("Pengumuman")
    expect(page.locator("#activity-log")).to_contain_text("sistem (impor atau perintah)")
    screenshot(page, "staff-activity-log-1280.png")

    assert "kind=announcements.announcement" in page.url
    assert sign_in.reports == []
