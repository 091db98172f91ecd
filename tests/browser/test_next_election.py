"""Staff set up the next election in the admin, in a real browser at desktop size: a new
election, then 2024's schedule copied to it in one action. Its pages appear at the short
addresses; 2024's stay at their own. No step may break the Content-Security-Policy."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from elections.models import Election, Stage

from .conftest import STAFF_PASSWORD, screenshot


def test_staff_set_up_the_next_election_and_2024_keeps_its_pages(live_server, staff, sign_in):
    get_user_model().objects.create_superuser("pengelola", password=STAFF_PASSWORD)
    page = sign_in("pengelola")

    page.goto(live_server.url + "/admin/elections/election/add/")
    page.fill("#id_name_ind", "Pilkada Serentak 2029")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("pilkada-serentak-2029")  # filled in from the name
    page.locator("#id_slug").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("pilkada-2029")  # a shorter permanent address, as the guide suggests
    page.fill("#id_voting_day", "28-11-2029")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")

    page.locator("#result_list tr", has_text="Pilkada Serentak 2024").locator("input.action-select").check()
    page.select_option("select[name=action]", "copy_timeline")
    page.locator("button[name=index]").click()
    expect(page.locator("#content")).to_contain_text("periksa setiap tanggal")
    page.select_option("#id_election", label="Pilkada Serentak 2029")
    screenshot(page, "staff-copy-schedule-1280.png")
    page.get_by_role("button", name="Salin jadwal").click()
    expect(page.locator(".messagelist")).to_contain_text("tahapan disalin ke Pilkada Serentak 2029")
    screenshot(page, "staff-next-election-1280.png")

    newer = Election.objects.get(slug="pilkada-2029")
    assert (
        Stage.objects.filter(election=newer).count()
        == Stage.objects.filter(election__slug="pilkada-2024").count()
    )
    page.goto(live_server.url + "/id/jadwal/")
    expect(page.locator("main")).to_contain_text("Pilkada Serentak 2029")
    expect(page.locator("main")).to_contain_text("28 November 2029")
    page.goto(live_server.url + "/id/pemilihan/pilkada-2024/jadwal/")
    expect(page.locator("main")).to_contain_text("27 November 2024")
    expect(page.locator("main")).to_contain_text("Ini bukan pemilihan terkini")
    page.goto(live_server.url + "/id/pemilihan/")
    expect(page.locator("main")).to_contain_text("Pilkada Serentak 2029")
    expect(page.locator("main")).to_contain_text("Pilkada Serentak 2024")
    screenshot(page, "archive-1280.png")
    assert sign_in.reports == []
