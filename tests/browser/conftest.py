"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
import re
import shutil
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

CHROMIUM = os.environ.get("PORTAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
STAFF_PASSWORD = "pilkada-rahasia-2024"
STAFF = {"penyunting": "Editor", "penerbit": "Publisher (Verifikator)", "admin-kota": "Administrator"}
VIOLATION = re.compile(r"Content Security Policy|Refused to (apply|execute|load|frame|connect)", re.I)
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
    import_module("staff.migrations.0001_staff_roles").create_roles(apps, None)
    import_module("staff.migrations.0002_guide_roles").grant(apps, None)
    import_module("staff.migrations.0003_activity_log_permission").grant(apps, None)
    import_module("feedback.migrations.0002_staff_roles").grant(apps, None)


@pytest.fixture
def staff(roles):
    """The demo and one staff member per role, all with STAFF_PASSWORD."""
    call_command("load_demo", stdout=StringIO())
    User = get_user_model()
    for username, role in STAFF.items():
        user = User.objects.create_user(username, password=STAFF_PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))


@pytest.fixture
def sign_in(browser, live_server):
    """``sign_in(username)`` opens the admin as that person at desktop size, in a fresh profile
    (as on two staff laptops); ``sign_in.reports`` collects CSP violations and page errors."""
    contexts, reports = [], []

    def open_as(username):
        context = browser.new_context(viewport=DESKTOP, locale="id-ID", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console", lambda m: VIOLATION.search(m.text) and reports.append(f"{page.url}: {m.text[:160]}")
        )
        page.on("pageerror", lambda error: reports.append(f"{page.url}: page error {error}"))
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", STAFF_PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url("**/admin/")
        return page

    open_as.reports = reports
    yield open_as
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def open_menu(page):
    """Open the header's menu where it is folded away (on a phone); on a desktop it is open."""
    toggle = page.locator(".site-menu > summary")
    if toggle.is_visible():
        toggle.click()
