"""The Content-Security-Policy holds in a real browser: no page of the portal or the admin
breaks it, neither on loading nor when staff use the admin's widgets (language tabs, calendars,
inlines, autocomplete, popups, filters, history).

Chromium reports every blocked script, style or attribute on the console; these tests collect
those reports while visiting the pages with the policy enforced, and expect none. JSON-LD data
blocks (pair pages, fact checks) are not scripts the browser runs, so they must not be reported.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from announcements.models import Announcement
from candidates.models import Candidate, CandidatePair
from tests.candidates.photos import photo_bytes

# The live server reads the database from another thread, so the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VIOLATION = re.compile(r"Content Security Policy|Refused to (apply|execute|load|frame|connect)", re.I)
PASSWORD = "csp-admin-password-1"


@pytest.fixture
def site(demo):
    """The demo data with a candidate photo, so pages show pictures and renditions."""
    candidate = Candidate.objects.filter(role=Candidate.Role.HEAD).first()
    candidate.photo.save("foto.jpg", ContentFile(photo_bytes()), save=False)
    candidate.photo_alt_ind = "Foto contoh"
    candidate.save()
    return candidate


def watch(page, reports=None):
    """Collect Chromium's CSP reports (and script errors) of ``page`` into ``reports``."""
    reports = [] if reports is None else reports

    def console(message):
        if VIOLATION.search(message.text):
            reports.append(f"{page.url}: {message.text[:160]}")

    page.on("console", console)
    page.on("pageerror", lambda error: reports.append(f"{page.url}: page error {error}"))
    return reports


@pytest.fixture
def staff_page(browser, live_server, site):
    get_user_model().objects.create_superuser("csp-admin", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    reports = watch(page)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page, reports
    context.close()


def use_widgets(page):
    """Click what staff click: language tabs, calendar and clock shortcuts, collapsed sections."""
    for tab in page.locator(".ui-tabs-nav a").all()[:6]:
        if tab.is_visible():
            tab.click()
    for selector in (".datetimeshortcuts a", "details > summary", ".add-row a"):
        for link in page.locator(selector).all()[:3]:
            if link.is_visible():
                link.click()
                page.keyboard.press("Escape")


def test_the_policy_is_enforced_on_the_pages_under_test(live_server, browser, site):
    page = browser.new_page()
    response = page.goto(live_server.url + "/id/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The test would be blind if Chromium did not enforce: an inline script must be refused.
    reports = watch(page)
    page.evaluate("""() => { const s = document.createElement('div');
        s.innerHTML = '<img src=x onerror="window.ran=1">'; document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert reports, "Chromium reported no violation for an inline handler"
    page.close()


def test_admin_pages_and_widgets_raise_no_csp_violation(staff_page, live_server):
    page, reports = staff_page
    pair = CandidatePair.objects.first()
    announcement = Announcement.objects.first()
    record = pair.history.first()
    paths = [
        reverse("admin:index"),
        reverse("admin:candidates_candidatepair_changelist") + "?contest__id__exact=1",
        reverse("admin:candidates_candidatepair_change", args=[pair.pk]),
        reverse("admin:candidates_candidatepair_history", args=[pair.pk]),
        reverse("admin:candidates_candidatepair_simple_history", args=[pair.pk, record.pk]),
        reverse("admin:candidates_candidatepair_parity"),
        reverse("admin:candidates_candidatepair_add"),
        reverse("admin:elections_stage_add"),
        reverse("admin:elections_stage_changelist"),
        reverse("admin:elections_election_change", args=[pair.contest.election_id]),
        reverse("admin:elections_votercount_add"),
        reverse("admin:elections_result_add"),
        reverse("admin:elections_pollingstation_changelist"),
        reverse("admin:announcements_announcement_add"),
        reverse("admin:announcements_announcement_change", args=[announcement.pk]),
        reverse("admin:announcements_announcement_preview", args=[announcement.pk]),
        reverse("admin:announcements_announcement_changelist"),
        reverse("admin:announcements_factcheck_add"),
        reverse("admin:elections_votercount_import"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[get_user_model().objects.get().pk]),
        reverse("admin:auth_group_add"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:two-factor"),
        reverse("admin:password_change"),
    ]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        use_widgets(page)

    # An autocomplete field (select2) opened and searched.
    page.goto(live_server.url + reverse("admin:elections_votercount_add"))
    page.locator(".select2-selection").first.click()
    page.keyboard.type("Dam")
    page.wait_for_timeout(500)
    # A related-object popup ("+" next to a foreign key) opened and closed.
    page.goto(live_server.url + reverse("admin:elections_stage_add"))
    with page.expect_popup() as popup_info:
        page.locator("a.add-related").first.click()
    popup = popup_info.value
    watch(popup, reports)
    popup.wait_for_load_state("networkidle")
    popup.close()

    assert reports == []


def test_public_pages_raise_no_csp_violation_and_json_ld_is_not_reported(live_server, browser, site):
    sitemap = browser.new_page().request.get(live_server.url + "/sitemap.xml").text()
    # The sitemap names the configured base URL (PORTAL_BASE_URL); the pages are on the live server.
    urls = [
        loc.replace("http://testserver", live_server.url) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)
    ]
    pair_url = next(
        url for url in urls if "/calon/" in url and "/banding/" not in url and url.rstrip("/").count("/") >= 7
    )
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    reports = watch(page)

    for url in dict.fromkeys(urls):
        page.goto(url)
    page.goto(pair_url)
    json_ld = page.locator('script[type="application/ld+json"]').count()
    page.goto(live_server.url + "/id/tidak-ada/")

    context.close()
    assert json_ld >= 1
    assert reports == []
