from .conftest import open_menu


def test_home_page_opens_in_indonesian_and_switches_to_english(live_server, page):
    page.goto(live_server.url + "/")

    assert page.url == live_server.url + "/id/"
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("main h1").is_visible()

    open_menu(page)  # on a phone the language links are in the menu
    page.get_by_role("link", name="English").click()

    assert page.url == live_server.url + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"


def test_home_page_has_no_horizontal_scroll_on_a_small_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/id/")

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    context.close()
    assert overflow <= 0
