"""On a 360 x 740 phone, in both languages: each page's own heading and the share action at the
top, the menu behind a button that works without JavaScript, the voting-day card first, a pair's
photos in the first screen, each theme's comparison within three screens, 44 px targets."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import Theme
from elections.models import Election, PollingStation, Subdistrict

from .conftest import PHONE, screenshot
from .sitemap import demo_sitemap_paths

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = PHONE["height"]
HEADING_WITHIN = 200  # px from the top of the page
TARGET = 44  # px, WCAG 2.5.5 (enhanced target size)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=False)
    yield context.new_page()
    context.close()


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


def small_targets(page):
    """Visible links in navigation landmarks smaller than 44 x 44 px, as 'text (w x h)'."""
    return page.evaluate(
        """(size) => [...document.querySelectorAll('nav a, .site-header__toggle')]
            .filter((a) => a.checkVisibility())
            .map((a) => [a.textContent.trim().slice(0, 40), a.getBoundingClientRect()])
            .filter(([, box]) => box.width < size || box.height < size)
            .map(([text, box]) => `${text} (${Math.round(box.width)} x ${Math.round(box.height)})`)""",
        TARGET,
    )


def test_every_sitemap_page_starts_with_its_heading_and_the_share_action(live_server, phone):
    paths = demo_sitemap_paths()
    assert any(path.startswith("/en/") for path in paths) and any(path.startswith("/id/") for path in paths)
    late, unshared, small = {}, [], {}

    for path in paths:
        phone.goto(live_server.url + path)
        if top(phone, "h1") >= HEADING_WITHIN:
            late[path] = round(top(phone, "h1"))
        share = phone.locator(".share > summary")
        if (
            not share.is_visible()
            or share.bounding_box()["y"] + share.bounding_box()["height"] > HEADING_WITHIN
        ):
            unshared.append(path)
        if found := small_targets(phone):
            small[path] = found

    assert late == {}, f"headings below {HEADING_WITHIN} px: {late}"
    assert unshared == []
    assert small == {}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_menu_opens_and_leads_on_without_javascript(live_server, phone_without_javascript, demo, lang):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/{lang}/")
    assert not page.locator(".site-nav").is_visible()

    page.locator(".site-menu > summary").click()

    assert page.locator(".site-nav").is_visible() and page.locator("#header-search-q").is_visible()
    assert small_targets(page) == []
    screenshot(page, f"phone-menu-{lang}.png")
    page.locator(".site-nav a").nth(1).click()
    assert page.url.endswith(f"/{lang}/calon/")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_share_action_opens_without_javascript_in_the_first_screen(
    live_server, phone_without_javascript, demo, lang
):
    page = phone_without_javascript
    subdistrict = Subdistrict.objects.select_related("district").get(slug="damai")
    page.goto(f"{live_server.url}/{lang}{subdistrict.get_absolute_url()[3:]}")

    page.locator(".share > summary").click()

    whatsapp = page.locator(".share__whatsapp")
    assert whatsapp.is_visible()
    assert whatsapp.bounding_box()["y"] + whatsapp.bounding_box()["height"] <= SCREEN
    assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=Kelurahan%20Damai%3A%20")
    screenshot(page, f"phone-share-{lang}.png")


@pytest.mark.parametrize(
    "clock", ["2024-11-27T07:30+08:00", "2024-11-25T19:00+08:00"], ids=["voting", "quiet"]
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_in_the_quiet_period_and_on_voting_day_the_stage_card_comes_first(
    live_server, phone, demo, settings, clock, lang
):
    settings.PORTAL_CLOCK = clock
    phone.goto(f"{live_server.url}/{lang}/")

    first = phone.locator("main > *").first
    assert first.locator(".vote-card").count() == 1
    assert top(phone, ".vote-card h1") < HEADING_WITHIN
    kpu = phone.locator('.vote-card a[href="https://cekdptonline.kpu.go.id/"]')
    assert kpu.bounding_box()["y"] + kpu.bounding_box()["height"] <= SCREEN
    assert re.search(r"07[.:]00", phone.locator(".vote-card").inner_text())
    screenshot(phone, f"phone-home-{clock[:10]}-{lang}.png")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_pair_page_shows_the_pairs_photos_number_and_names_in_the_first_screen(
    live_server, phone, demo, lang
):
    phone.goto(f"{live_server.url}/{lang}/calon/walikota-balikpapan-2024/3/")

    portraits = phone.locator(".pair-portraits")
    assert portraits.locator("figure").count() == 2
    assert portraits.bounding_box()["y"] + portraits.bounding_box()["height"] <= SCREEN
    assert "3" in phone.locator("h1 .pair-number").inner_text()
    assert "Muhammad Sa'bani" in phone.locator("h1").inner_text()
    screenshot(phone, f"phone-pair-{lang}.png")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_themes_comparison_fits_three_screens_with_pairs_in_ballot_order(live_server, phone, demo, lang):
    too_long = {}
    for contest in ("walikota-balikpapan-2024", "gubernur-kaltim-2024"):
        for theme in Theme.objects.all():
            phone.goto(f"{live_server.url}/{lang}/calon/{contest}/banding/{theme.slug}/")
            cells = phone.locator(".theme-cell")
            numbers = [int(text.split()[-1]) for text in cells.locator(".pair-number").all_inner_texts()]
            assert numbers == sorted(numbers) and numbers[0] == 1, (contest, theme.slug)
            # Identical layout: every pair's cell is as wide as the others and starts at the same x.
            boxes = [cell.bounding_box() for cell in cells.all()]
            assert {(round(box["x"]), round(box["width"])) for box in boxes} == {
                (round(boxes[0]["x"]), round(boxes[0]["width"]))
            }
            bottom = max(box["y"] + box["height"] for box in boxes)
            if bottom > 3 * SCREEN:
                too_long[f"{contest}/{theme.slug}"] = round(bottom)
    screenshot(phone, f"phone-compare-{lang}.png")

    assert too_long == {}


def test_the_rt_notice_prints_its_tps_table_at_10_pt_and_fills_the_sheet(live_server, browser, demo):
    subdistrict = Subdistrict.objects.select_related("district").get(slug="gunung-samarinda")
    for number in range(1, 9):
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=subdistrict,
            number=number,
            address=f"Halaman SD Contoh {number}",
            source="PPS contoh",
            as_of=date(2024, 11, 20),
        )
    page = browser.new_page(viewport={"width": 703, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
    page.goto(f"{live_server.url}{subdistrict.get_absolute_url()}cetak/")
    page.emulate_media(media="print")

    sizes = page.evaluate(
        "[...document.querySelectorAll('.print-table td, .print-table th')]"
        ".map((cell) => parseFloat(getComputedStyle(cell).fontSize))"
    )
    foot = page.locator(".print-sheet__foot").bounding_box()
    pdf = page.pdf(format="A4", print_background=False)

    page.close()
    assert sizes and min(sizes) >= 13.33  # 10 pt = 13.33 CSS pixels
    # The footer sits at the foot of the one sheet (273 mm high inside the margins), not mid-page.
    assert foot["y"] + foot["height"] > 250 / 25.4 * 96
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_staff_see_language_names_on_the_translation_tabs(sign_in, staff):
    page = sign_in("penyunting")
    page.goto(page.url + reverse("admin:announcements_announcement_add").removeprefix("/admin/"))
    page.wait_for_load_state("load")
    expect(page.locator(".ui-tabs-nav a").first).to_have_text("Bahasa Indonesia")

    tabs = page.locator(".ui-tabs-nav a").all_inner_texts()

    assert "Bahasa Indonesia" in tabs and "English" in tabs
    assert not {"IND", "ind", "EN", "en"} & set(tabs)
    assert sign_in.reports == []
