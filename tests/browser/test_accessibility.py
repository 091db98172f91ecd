"""axe-core finds no WCAG 2.2 A/AA violation on any page of the sitemap, in both languages."""

import json

from .checkers import AXE, axe_violations, require
from .sitemap import demo_sitemap_paths

MAIN_PAGES = [
    "/id/",
    "/en/",
    "/id/jadwal/",
    "/id/pemilih/",
    "/id/calon/",
    "/id/pengumuman/",
    "/id/cek-fakta/",
    "/id/hasil/",
]


def check(browser, base_url, paths, viewport):
    # The checker script is injected from outside, which the page's own CSP would rightly refuse.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    problems = {}
    for path in paths:
        page.goto(base_url + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    return problems


def test_no_accessibility_violations_on_any_sitemap_page_on_a_phone(live_server, browser, transactional_db):
    require(AXE, "axe-core")
    paths = demo_sitemap_paths()

    problems = check(browser, live_server.url, paths, {"width": 360, "height": 740})

    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)[:6000]


def test_no_accessibility_violations_on_the_main_pages_on_a_desktop(live_server, browser, transactional_db):
    require(AXE, "axe-core")
    demo_sitemap_paths()

    problems = check(browser, live_server.url, MAIN_PAGES, {"width": 1280, "height": 900})

    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)[:6000]
