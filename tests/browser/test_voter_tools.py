"""Find your TPS, report an error, honest languages: on a 360x740 phone, in both languages."""

import json
import re
import subprocess
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from announcements.models import Announcement
from elections.models import Election, PollingStation, Subdistrict
from feedback.models import Report

from .checkers import AXE, VNU, axe_violations, require
from .conftest import PHONE, screenshot

FINDER = {"id": ("Cari TPS saya", "RT Anda"), "en": ("Find my TPS", "Your RT")}


@pytest.fixture
def damai(transactional_db):
    call_command("load_demo", stdout=StringIO())
    election, area = Election.objects.get(), Subdistrict.objects.get(slug="damai")
    for number, rts, extra in (
        (1, "001-003", {}),
        (2, "004-006", {"latitude": Decimal("-1.2379"), "longitude": Decimal("116.8529")}),
    ):
        PollingStation.objects.create(
            election=election,
            subdistrict=area,
            number=number,
            rts=rts,
            address=f"Halaman SD contoh {number}, Damai",
            access=PollingStation.Access.RAMP,
            source="PPS contoh",
            as_of=date(2024, 11, 20),
            **extra,
        )


def phone(browser, javascript=True, **options):
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=javascript, **options)
    return context, context.new_page()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_voter_finds_the_tps_for_their_rt(live_server, browser, damai, language, javascript):
    context, page = phone(browser, javascript)
    button, rt_label = FINDER[language]

    page.goto(f"{live_server.url}/{language}/cari-tps/")
    page.select_option("#finder-kelurahan", "damai")
    page.get_by_label(rt_label).fill("005")
    page.get_by_role("button", name=button).click()

    assert page.url.endswith(f"/{language}/cari-tps/?kelurahan=damai&rt=5")
    card = page.locator("#tps-2")
    expect(card).to_be_visible()
    expect(page.locator("#tps-1")).to_have_count(0)
    assert (
        card.get_by_role("link", name=re.compile("OpenStreetMap"))
        .get_attribute("href")
        .startswith("https://www.openstreetmap.org/?mlat=-1.237900&mlon=116.852900")
    )
    expect(page.get_by_role("link", name=re.compile("cekdptonline.kpu.go.id"))).to_be_visible()
    screenshot(page, f"find-tps-{language}-{'js' if javascript else 'nojs'}.png")

    # Not knowing how to write the RT: pick the kelurahan first, then the RT from its list.
    page.goto(f"{live_server.url}/{language}/cari-tps/")
    page.select_option("#finder-kelurahan", "damai")
    page.get_by_role("button", name=button).click()
    page.select_option("#finder-rt", "2")
    page.get_by_role("button", name=button).click()
    expect(page.locator("#tps-1")).to_be_visible()
    context.close()


def test_a_reader_reports_an_error_and_an_editor_answers_it(live_server, browser, staff, sign_in):
    context, page = phone(browser)
    page.goto(f"{live_server.url}/id/jadwal/")
    page.get_by_role("link", name="Laporkan kesalahan").click()
    page.get_by_label("Apa yang salah di halaman ini?").fill("Tanggal penetapan DPT di halaman ini keliru.")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("h1")).to_have_text("Terima kasih atas laporan Anda")
    screenshot(page, "report-sent-id.png")
    context.close()

    editor = sign_in("penyunting")
    expect(editor.locator("#dashboard")).to_contain_text("1 laporan terbuka")
    editor.get_by_role("link", name="1 laporan terbuka").click()
    expect(editor.locator("#result_list")).to_contain_text("/id/jadwal/")
    editor.locator("#result_list tbody th a").first.click()
    editor.select_option("#id_status", "answered")
    editor.fill("#id_answer", "Tanggal sudah dicek dengan BA KPU; halaman benar.")
    editor.locator("input[name=_save]").click()
    report = Report.objects.get()
    assert (report.status, report.handled_by.username) == ("answered", "penyunting")
    assert sign_in.reports == []


def test_untranslated_content_is_marked_indonesian_on_english_pages(live_server, browser, damai):
    item = Announcement.objects.published().first()
    Announcement.objects.filter(pk=item.pk).update(title_en="", body_en="", body_html_en="")
    context, page = phone(browser)

    page.goto(f"{live_server.url}/en/pengumuman/{item.slug}/")

    expect(page.locator("h1")).to_have_attribute("lang", "id")
    expect(page.locator(".announcement-body")).to_have_attribute("lang", "id")
    expect(page.locator(".language-note").first).to_have_text("Available in Indonesian only.")
    screenshot(page, "language-note-en.png")
    context.close()


def new_pages(slug):
    """The new pages that are not in the sitemap: finder answers, the report form and its thanks."""
    return [
        "/id/cari-tps/?kelurahan=damai",
        "/id/cari-tps/?kelurahan=damai&rt=5",
        "/en/cari-tps/?kelurahan=damai&rt=5",
        "/id/cari-tps/?kelurahan=damai&rt=99",
        "/id/cari-tps/?kelurahan=damai&rt=lima",
        "/id/laporkan/?dari=/id/jadwal/",
        "/en/laporkan/?dari=/en/",
        "/id/laporkan/terima-kasih/",
        f"/en/pengumuman/{slug}/",
    ]


def untranslated_announcement():
    item = Announcement.objects.published().first()
    Announcement.objects.filter(pk=item.pk).update(title_en="", body_en="", body_html_en="")
    return item.slug


def test_the_new_pages_have_no_accessibility_violations_on_a_phone(live_server, browser, damai):
    require(AXE, "axe-core")
    slug = untranslated_announcement()
    context, page = phone(browser, bypass_csp=True)
    problems = {}
    for path in new_pages(slug):
        page.goto(live_server.url + path)
        if found := axe_violations(page):
            problems[path] = found
    # The report form with its errors shown.
    page.goto(live_server.url + "/id/laporkan/?dari=/id/jadwal/")
    page.get_by_role("button", name="Kirim laporan").click()
    if found := axe_violations(page):
        problems["report form with errors"] = found
    context.close()

    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)[:6000]


def test_the_new_pages_are_valid_html(transactional_db, damai, tmp_path):
    vnu = require(VNU, "The Nu HTML Checker (vnu.jar)")
    slug = untranslated_announcement()
    client = Client()
    files = {}
    for number, path in enumerate(new_pages(slug)):
        target = tmp_path / f"page-{number:02d}.html"
        target.write_bytes(client.get(path).content)
        files[target.as_uri()] = path

    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )

    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}: {m['message']} {m.get('extract', '')!r}" for m in messages
    ]
    assert errors == [], "\n".join(errors[:40])
