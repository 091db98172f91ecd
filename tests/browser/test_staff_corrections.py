"""Staff in a real browser at desktop size: an editor proposes a correction to a published
announcement, a publisher publishes it, readers see it; an administrator reads the activity log.
No step may break the Content-Security-Policy."""

import re
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from announcements.models import Announcement

from .conftest import DESKTOP

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
PASSWORD = "pilkada-rahasia-2024"
VIOLATION = re.compile(r"Content Security Policy|Refused to (apply|execute|load|frame|connect)", re.I)
CORRECTED = "Koreksi uji coba: TPS buka pukul 07.00 WITA."
NOTE = "Jam buka TPS diperbaiki."


@pytest.fixture
def staff(transactional_db, roles):
    call_command("load_demo", stdout=StringIO())
    import_module("portal.migrations.0003_activity_log_permission").grant(apps, None)
    User = get_user_model()
    for username, role in (
        ("penyunting", "Editor"),
        ("penerbit", "Publisher (Verifikator)"),
        ("admin-kota", "Administrator"),
    ):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))


@pytest.fixture
def sign_in(browser, live_server):
    contexts, reports = [], []

    def open_as(username):
        # A fresh browser profile per person, as on two staff laptops.
        context = browser.new_context(viewport=DESKTOP, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console", lambda m: VIOLATION.search(m.text) and reports.append(f"{page.url}: {m.text[:160]}")
        )
        page.on("pageerror", lambda error: reports.append(f"{page.url}: page error {error}"))
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url("**/admin/")
        return page

    open_as.reports = reports
    yield open_as
    for context in contexts:
        context.close()


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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-correction-proposed-1280.png"), full_page=True)
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
    page.screenshot(path=str(SCREENSHOTS / "staff-correction-published-1280.png"), full_page=True)
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-activity-log-1280.png"), full_page=True)

    assert "kind=announcements.announcement" in page.url
    assert sign_in.reports == []
