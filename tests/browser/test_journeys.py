"""What citizens and staff actually do, in a real browser, on a phone and on a desktop."""

import re
from datetime import date
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from elections.models import Election, PollingStation, Subdistrict

from .conftest import open_menu
from .sitemap import demo_sitemap_paths

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
PASSWORD = "pilkada-rahasia-2024"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())
    PollingStation.objects.create(
        election=Election.objects.get(),
        subdistrict=Subdistrict.objects.get(slug="damai"),
        number=3,
        address="Halaman Kantor Kelurahan Damai (contoh)",
        access=PollingStation.Access.RAMP,
        braille_template=True,
        source="PPS contoh",
        as_of=date(2024, 11, 20),
    )


def test_home_to_schedule_to_calendar(live_server, page, demo):
    page.goto(live_server.url + "/id/")
    open_menu(page)
    page.locator(".site-nav").get_by_role("link", name="Jadwal").click()

    assert page.locator("h1").inner_text() == "Jadwal tahapan pemilihan"
    subscribe = page.get_by_role("link", name=re.compile("aplikasi kalender Anda"))
    address = page.get_by_label(re.compile("salin alamat")).input_value()
    assert subscribe.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    # The address is absolute on PORTAL_BASE_URL (the test settings' http://testserver).
    response = page.request.get(live_server.url + urlsplit(address).path)
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in response.text()


def test_home_to_a_pair_to_the_comparison_and_its_share_link(live_server, page, demo):
    page.goto(live_server.url + "/id/")
    open_menu(page)
    page.locator(".site-nav").get_by_role("link", name="Paslon").click()
    page.get_by_role("link", name=re.compile("Wali Kota dan Wakil Wali Kota")).first.click()
    page.get_by_role("link", name=re.compile("Rahmad Mas'ud")).first.click()

    assert "Rahmad Mas'ud" in page.locator("h1").inner_text()
    page.get_by_role("link", name=re.compile("Bandingkan")).first.click()
    assert page.url.endswith("/id/calon/walikota-balikpapan-2024/banding/")
    page.locator(".share > summary").click()
    whatsapp = page.get_by_role("link", name="Bagikan ke WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=Bandingkan%20pasangan%20calon")
    assert (
        page.locator("#share-url").input_value()
        == "http://testserver/id/calon/walikota-balikpapan-2024/banding/"
    )


def test_voters_to_kecamatan_to_kelurahan_to_tps(live_server, page, demo):
    page.goto(live_server.url + "/id/pemilih/")
    page.get_by_role("link", name="Balikpapan Kota", exact=True).first.click()
    page.get_by_role("link", name="Damai", exact=True).click()

    assert page.locator("h1").inner_text() == "Kelurahan Damai"
    station = page.locator("#tps-3")
    assert "Halaman Kantor Kelurahan Damai" in station.inner_text()
    assert "Tangga dengan ramp" in station.inner_text()


def test_announcements_to_a_fact_check(live_server, page, demo):
    page.goto(live_server.url + "/id/pengumuman/")
    assert page.locator("main article, main .card").count() > 0
    open_menu(page)
    page.locator(".site-nav").get_by_role("link", name="Cek Fakta").click()
    page.locator("main .card a").first.click()

    # A click waits for the next page to start loading, not for its content: expect() waits.
    expect(page.locator("main").get_by_text(re.compile("Tirto.id")).first).to_be_visible()
    expect(page.locator('main a[href^="https://tirto.id/"]')).to_have_count(1)
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(1)


def test_search_from_the_header(live_server, page, demo):
    page.goto(live_server.url + "/id/")
    open_menu(page)
    page.locator("#header-search-q").fill("gunung samarinda")
    page.locator("#header-search-q").press("Enter")

    page.wait_for_url("**/id/cari/?q=gunung+samarinda")
    expect(page.get_by_role("link", name="Gunung Samarinda Baru")).to_have_count(1)


def test_switching_language_keeps_the_page(live_server, page, demo):
    page.goto(live_server.url + "/id/pemilih/balikpapan-kota/damai/")
    open_menu(page)
    page.get_by_role("link", name="English").click()

    assert page.url == live_server.url + "/en/pemilih/balikpapan-kota/damai/"
    assert page.locator("html").get_attribute("lang") == "en"
    open_menu(page)
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.url == live_server.url + "/id/pemilih/balikpapan-kota/damai/"


FOCUS_STATE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = outline || style.boxShadow !== "none";
    return {href: element.getAttribute("href") || "", text: element.innerText || "", ring: ring};
}"""


def tab_to(page, wanted, limit=120):
    """Press Tab until the focused element matches ``wanted``; every stop on the way must show focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["ring"], f"no visible focus on {state}"
        if wanted(state):
            return state
    raise AssertionError(f"Tab never reached the element on {page.url}")


def test_keyboard_only_through_the_main_citizen_path_with_visible_focus(live_server, browser, demo):
    """Home, skip link, the candidates menu, a contest, a pair and the comparison, by Tab and Enter."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/id/")

    skip = tab_to(page, lambda state: True)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    in_main = page.evaluate("!!document.activeElement.closest('main')")
    page.goto(live_server.url + "/id/")
    tab_to(page, lambda state: state["href"] == "/id/calon/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, lambda state: state["href"] == "/id/calon/walikota-balikpapan-2024/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, lambda state: "/walikota-balikpapan-2024/1/" in state["href"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    heading = page.locator("h1").inner_text()
    tab_to(page, lambda state: state["href"].endswith("/banding/"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    url = page.url
    context.close()

    assert skip["href"] == "#main"
    assert in_main
    assert "Rahmad Mas'ud" in heading
    assert url.endswith("/id/calon/walikota-balikpapan-2024/banding/")


def test_staff_draft_review_publish_and_see_it_public(live_server, browser, demo, roles):
    User = get_user_model()
    editor = User.objects.create_user("penyunting", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    publisher = User.objects.create_user("penerbit", password=PASSWORD, is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher (Verifikator)"))

    def sign_in(username):
        # A fresh browser profile per person, as on two staff laptops.
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url("**/admin/")
        return page

    page = sign_in("penyunting")
    page.goto(live_server.url + "/admin/announcements/announcement/add/")
    # The address (slug) fills itself in from the title, as staff see it do.
    page.fill("#id_title_ind", "Uji coba perjalanan staf")
    page.fill("#id_summary_ind", "Ringkasan uji coba.")
    page.fill("#id_body_ind", "Isi **uji coba**.")
    page.fill("#id_source", "Bagian Pemerintahan Setdakot")
    editor_choices = page.locator("#id_status option").evaluate_all("options => options.map(o => o.value)")
    page.select_option("#id_status", "review")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    assert page.request.get(live_server.url + "/id/pengumuman/uji-coba-perjalanan-staf/").status == 404

    page.context.close()
    page = sign_in("penerbit")
    page.goto(live_server.url + "/admin/announcements/announcement/?status__exact=review")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "publish_now")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 butir diterbitkan")

    response = page.goto(live_server.url + "/id/pengumuman/uji-coba-perjalanan-staf/")
    heading = page.locator("h1").inner_text()
    page.context.close()

    assert "published" not in editor_choices
    assert response.status == 200
    assert heading == "Uji coba perjalanan staf"


def test_no_page_scrolls_sideways_at_320_px_or_at_200_percent_zoom(live_server, browser, transactional_db):
    paths = demo_sitemap_paths()
    overflowing = []
    for width in (320, 640):  # 640 CSS px is a 1280 px screen at 200 % zoom
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            extra = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if extra > 0:
                overflowing.append(f"{path} at {width}px: {extra}px too wide")
        context.close()

    assert overflowing == []


MAIN_PAGES = {
    "home": "/id/",
    "schedule": "/id/jadwal/",
    "voters": "/id/pemilih/",
    "kelurahan": "/id/pemilih/balikpapan-kota/damai/",
    "contest": "/id/calon/walikota-balikpapan-2024/",
    "pair": "/id/calon/walikota-balikpapan-2024/1/",
    "compare": "/id/calon/walikota-balikpapan-2024/banding/",
    "results": "/id/hasil/",
    "announcements": "/id/pengumuman/",
    "fact-checks": "/id/cek-fakta/",
    "guide": "/id/cara-memilih/",
    "search": "/id/cari/?q=damai",
    "print-notice": "/id/pemilih/balikpapan-kota/damai/cetak/",
    "home-en": "/en/",
}


def test_screenshots_of_the_main_pages_at_phone_size(live_server, browser, demo):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    for name, path in MAIN_PAGES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
    context.close()

    assert len(list(SCREENSHOTS.glob("*-360.png"))) >= len(MAIN_PAGES)
