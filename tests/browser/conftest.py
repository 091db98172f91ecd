"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# and the live server are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: browser tests skipped (install Debian's chromium)."
        if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " PORTAL_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, browser):
    context = browser.new_context(viewport=request.param, locale="id-ID", java_script_enabled=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def roles(transactional_db):
    """The staff roles, as the data migrations create them.

    Browser tests run against a live server, so each one empties every table when it ends,
    including the groups that migrations made; tests that sign staff in put them back.
    """
    from importlib import import_module

    from django.apps import apps

    import_module("portal.migrations.0001_staff_roles").create_roles(apps, None)
    import_module("portal.migrations.0002_guide_roles").grant(apps, None)
