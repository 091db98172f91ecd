import json
import re
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation

from announcements.models import Attachment, Category, Status, Verdict
from announcements.views import home_context
from elections.models import Election, Stage
from tests.support.files import PDF

from .conftest import NOW, PAST, SOON, XSS_TEXT, active_content

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# Visibility -------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [{"status": Status.DRAFT}, {"status": Status.REVIEW}, {"publish_at": SOON}])
def test_unpublished_announcements_are_absent_everywhere_public(client, make_announcement, state, admin_user):
    hidden = make_announcement(title_ind="Rahasia belum terbit", **state)
    client.force_login(admin_user)  # even staff see a 404 on the public address

    assert "Rahasia belum terbit" not in page(client, "/id/pengumuman/")
    assert "Rahasia belum terbit" not in page(client, f"/id/pengumuman/?kategori={hidden.category}")
    page(client, f"/id/pengumuman/{hidden.slug}/", status=404)
    page(client, f"/id/pengumuman/{hidden.slug}/riwayat/", status=404)
    assert hidden.slug not in page(client, "/sitemap.xml")
    assert "Rahasia belum terbit" not in render_to_string("announcements/includes/_home.html", home_context())


@pytest.mark.parametrize("state", [{"status": Status.DRAFT}, {"status": Status.REVIEW}, {"publish_at": SOON}])
def test_unpublished_fact_checks_are_absent_everywhere_public(client, make_fact_check, state):
    hidden = make_fact_check(title_ind="Cek fakta belum terbit", **state)

    assert "Cek fakta belum terbit" not in page(client, "/id/cek-fakta/")
    page(client, f"/id/cek-fakta/{hidden.slug}/", status=404)
    assert hidden.slug not in page(client, "/sitemap.xml")


def test_a_scheduled_announcement_appears_when_its_time_comes(client, make_announcement, settings):
    scheduled = make_announcement(publish_at=SOON, title_ind="Terjadwal")
    page(client, scheduled.get_absolute_url(), status=404)

    settings.PORTAL_CLOCK = (SOON + timedelta(seconds=1)).isoformat()
    # Pages are kept at most five minutes at the origin; a test does not wait for that.
    cache.clear()

    assert "Terjadwal" in page(client, scheduled.get_absolute_url())
    assert "Terjadwal" in page(client, "/id/pengumuman/")
    assert scheduled.slug in page(client, "/sitemap.xml")


# Lists ------------------------------------------------------------------------------------------


def test_list_shows_pinned_first_then_newest_in_both_languages(client, make_announcement):
    make_announcement(title_ind="Lama", title_en="Old", publish_at=PAST)
    make_announcement(title_ind="Baru", title_en="New", publish_at=PAST + timedelta(days=2))
    make_announcement(
        title_ind="Disematkan", title_en="Pinned", pinned=True, publish_at=PAST - timedelta(days=5)
    )

    indonesian = page(client, "/id/pengumuman/")
    english = page(client, "/en/pengumuman/")

    assert indonesian.index("Disematkan") < indonesian.index("Baru") < indonesian.index("Lama")
    assert english.index("Pinned") < english.index("New") < english.index("Old")
    assert '<html lang="id">' in indonesian and '<html lang="en">' in english
    assert "Disematkan" not in english


def test_list_filters_by_category(client, make_announcement):
    make_announcement(title_ind="Soal politik uang", category=Category.MONEY_POLITICS)
    make_announcement(title_ind="Soal jadwal", category=Category.SCHEDULE)

    html = page(client, "/id/pengumuman/?kategori=politik-uang")

    assert "Soal politik uang" in html and "Soal jadwal" not in html
    assert 'href="/id/pengumuman/?kategori=politik-uang" aria-current="page"' in html
    assert 'href="/id/pengumuman/feed/politik-uang/atom/"' in html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/id/pengumuman/?kategori=gosip", "Kategori tidak dikenal"),
        ("/en/pengumuman/?kategori=%3Cscript%3E", "Unknown category"),
    ],
)
def test_an_unknown_category_is_a_clear_message_not_an_error(client, make_announcement, url, message):
    make_announcement()

    html = page(client, url, status=404)

    assert message in html
    assert "<script>" not in html.split("</head>")[1]


def test_list_paginates_accessibly_and_keeps_the_filter(client, make_announcement):
    for day in range(23):
        make_announcement(
            title_ind=f"Nomor {day:02d}", category=Category.SCHEDULE, publish_at=PAST - timedelta(days=day)
        )

    first = page(client, "/id/pengumuman/?kategori=jadwal")
    second = page(client, "/id/pengumuman/?kategori=jadwal&halaman=2")

    assert "Nomor 00" in first and "Nomor 10" not in first
    assert "Nomor 10" in second and "Nomor 00" not in second
    assert '<nav class="pagination" aria-label="Halaman">' in first
    assert "Halaman 2 dari 3" in second
    assert 'href="?kategori=jadwal&amp;halaman=2" aria-current="page"' in second
    assert 'rel="next"' in second and 'rel="prev"' in second


def test_page_links_never_carry_a_readers_tracking_parameters(client, make_announcement):
    """The list is cached for every reader: links copying one reader's ?fbclid= would spread it."""
    for day in range(12):
        make_announcement(category=Category.SCHEDULE, publish_at=PAST - timedelta(days=day))

    html = page(client, "/id/pengumuman/?fbclid=IwAR0-pembaca&kategori=jadwal&utm_source=wa")

    assert 'href="?kategori=jadwal&amp;halaman=2"' in html
    assert "fbclid" not in html and "utm_source" not in html


@pytest.mark.parametrize(("number", "expected"), [("", "Nomor 00"), ("1", "Nomor 00"), ("3", "Nomor 20")])
def test_page_numbers_the_links_use_name_a_page(client, make_announcement, number, expected):
    for day in range(21):
        make_announcement(title_ind=f"Nomor {day:02d}", publish_at=PAST - timedelta(days=day))

    assert expected in page(client, f"/id/pengumuman/?halaman={number}")


@pytest.mark.parametrize("number", ["abc", "4", "999", "-1", "0", "02", "+2", "2.0", "1e1", "٢", "9" * 5000])
@pytest.mark.parametrize("url", ["/id/pengumuman/", "/en/cek-fakta/"])
def test_a_page_number_that_names_no_page_is_not_found(client, make_announcement, url, number):
    """Each address is cached for everyone: one that names no page must not answer as if it did."""
    for day in range(21):
        make_announcement(title_ind=f"Nomor {day:02d}", publish_at=PAST - timedelta(days=day))

    page(client, f"{url}?halaman={quote(number)}", status=404)


def test_list_query_count_does_not_grow_with_the_data(client, make_announcement, django_assert_num_queries):
    for _ in range(3):
        make_announcement()
    with django_assert_num_queries(2):
        page(client, "/id/pengumuman/")

    for _ in range(25):
        make_announcement()
    cache.clear()
    with django_assert_num_queries(2):
        page(client, "/id/pengumuman/?halaman=2")


# Detail -----------------------------------------------------------------------------------------


def test_detail_shows_category_dates_body_source_and_attachments(client, make_announcement):
    announcement = make_announcement(
        title_ind="Hari pemungutan suara",
        category=Category.SCHEDULE,
        source="ANTARA Kalimantan Timur, 2024-10-09",
    )
    document = Attachment(announcement=announcement, title_ind="Surat edaran", title_en="Circular")
    document.file.save("edaran.pdf", SimpleUploadedFile("edaran.pdf", PDF))

    html = page(client, announcement.get_absolute_url())

    assert "<h1>Hari pemungutan suara</h1>" in html
    assert ">Jadwal</a>" in html
    assert "9 Oktober 2024, 16.00 WITA" in html
    assert "<strong>huruf tebal</strong>" in html
    assert "Sumber: ANTARA Kalimantan Timur, 2024-10-09" in html
    assert f'href="/id/pengumuman/{announcement.slug}/lampiran/{document.pk}/">Surat edaran</a>' in html
    assert 'type="application/atom+xml"' in html


def test_detail_links_the_stage_of_the_schedule_it_is_about(client, make_announcement):
    election = Election.objects.create(
        slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27)
    )
    stage = Stage.objects.create(
        election=election,
        order=13,
        name="Masa kampanye",
        start=date(2024, 9, 25),
        end=date(2024, 11, 23),
        source="PKPU",
    )
    announcement = make_announcement(election=election, stage=stage)

    html = page(client, announcement.get_absolute_url())

    # The election's own schedule, so the link keeps showing 2024's stage after a newer election.
    link = '<a href="/id/pemilihan/pilkada-2024/jadwal/#tahap-13">Masa kampanye</a>'
    assert f"{link} (25 September – 23 November 2024)" in html


def test_detail_offers_share_links_and_a_link_to_copy(client, make_announcement):
    announcement = make_announcement(title_ind="Cek DPT & TPS Anda")
    url = f"http://testserver/id/pengumuman/{announcement.slug}/"

    html = page(client, announcement.get_absolute_url())

    message = f"Cek DPT & TPS Anda. Info resmi dari Pemkot Balikpapan: {url}"
    assert 'href="https://wa.me/?text=' + quote(message, safe="") + '"' in html
    assert "https://t.me/share/url?url=" + quote(url, safe="") in html
    assert f'readonly value="{url}"' in html


def test_detail_query_count_is_fixed(client, make_announcement, django_assert_num_queries):
    announcement = make_announcement()
    for number in range(3):
        document = Attachment(announcement=announcement, title_ind=f"Lampiran {number}")
        document.file.save("a.pdf", SimpleUploadedFile("a.pdf", PDF))

    with django_assert_num_queries(2):
        page(client, announcement.get_absolute_url())


def test_detail_in_english_reads_english_and_formats_dates_for_english(client, make_announcement):
    announcement = make_announcement(title_en="Polling day", category=Category.ACCESSIBILITY)

    html = page(client, f"/en/pengumuman/{announcement.slug}/")

    assert "<h1>Polling day</h1>" in html
    assert ">Accessibility</a>" in html
    assert "9 October 2024, 16:00 WITA" in html
    assert "Share on WhatsApp" in html


def test_public_pages_are_cacheable_and_touch_no_session(client, make_announcement, admin_user):
    announcement = make_announcement()
    client.force_login(admin_user)

    for url in ["/id/pengumuman/", announcement.get_absolute_url(), "/id/cek-fakta/"]:
        response = client.get(url)
        assert "public" in response["Cache-Control"]
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert "csrfmiddlewaretoken" not in response.content.decode()


# Corrections and the change log ----------------------------------------------------------------


def _correct(announcement, **fields):
    for name, value in fields.items():
        setattr(announcement, name, value)
    announcement.corrected_at = NOW
    announcement.save()


def test_a_corrected_announcement_says_when_and_why_in_both_languages(client, make_announcement):
    announcement = make_announcement()
    _correct(
        announcement,
        body_ind="Jam buka TPS 07.00.",
        correction_note_ind="Jam buka TPS diperbaiki.",
        correction_note_en="Corrected the TPS opening time.",
    )

    indonesian = page(client, announcement.get_absolute_url())
    english = page(client, f"/en/pengumuman/{announcement.slug}/")

    assert "Diperbarui pada 20 Oktober 2024, 12.00 WITA</strong>: Jam buka TPS diperbaiki." in indonesian
    assert f'href="/id/pengumuman/{announcement.slug}/riwayat/"' in indonesian
    assert "Updated on 20 October 2024, 12:00 WITA</strong>: Corrected the TPS opening time." in english


def test_change_log_shows_earlier_published_versions_but_never_drafts(client, make_announcement):
    announcement = make_announcement(status=Status.DRAFT, body_ind="Teks draf rahasia.")
    announcement.body_ind = "Jam buka TPS 08.00."
    announcement.status = Status.PUBLISHED
    announcement.save()
    _correct(announcement, body_ind="Jam buka TPS 07.00.", correction_note_ind="Jam buka TPS diperbaiki.")

    html = page(client, f"/id/pengumuman/{announcement.slug}/riwayat/")

    assert "Versi saat ini" in html
    assert "Jam buka TPS 08.00." in html
    assert "Alasan:</strong> Jam buka TPS diperbaiki." in html
    assert "Yang berubah: isi" in html
    assert "Teks draf rahasia" not in html


def test_change_log_query_count_is_fixed(client, make_announcement, django_assert_num_queries):
    announcement = make_announcement()
    for number in range(4):
        _correct(announcement, body_ind=f"Versi {number}", correction_note_ind=f"Perbaikan {number}")

    with django_assert_num_queries(2):
        page(client, f"/id/pengumuman/{announcement.slug}/riwayat/")


# Attachments ------------------------------------------------------------------------------------


def test_attachments_download_as_pdf_with_a_safe_name(client, make_announcement):
    announcement = make_announcement()
    document = Attachment(announcement=announcement, title_ind="Surat Edaran: Netralitas ASN")
    document.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF))

    response = client.get(f"/id/pengumuman/{announcement.slug}/lampiran/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="surat-edaran-netralitas-asn.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_attachments_of_unpublished_announcements_are_not_served(client, make_announcement):
    announcement = make_announcement(status=Status.DRAFT)
    document = Attachment(announcement=announcement, title_ind="Draf")
    document.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF))

    page(client, f"/id/pengumuman/{announcement.slug}/lampiran/{document.pk}/", status=404)
    page(client, f"/id/pengumuman/lain/lampiran/{document.pk}/", status=404)


# Cek Fakta --------------------------------------------------------------------------------------


def test_fact_check_shows_the_verdict_as_words_and_a_shape(client, make_fact_check):
    fact_check = make_fact_check(verdict=Verdict.MISLEADING)

    html = page(client, fact_check.get_absolute_url())
    listing = page(client, "/id/cek-fakta/")

    for text in (html, listing):
        assert 'class="verdict verdict--menyesatkan"' in text
        assert '<span class="verdict__icon" aria-hidden="true">!</span>' in text
        assert "Menyesatkan</span>" in text
    assert "Klaim yang beredar di grup WhatsApp." in html


def test_fact_check_carries_claim_review_structured_data(client, make_fact_check):
    fact_check = make_fact_check(verdict=Verdict.HOAX, claim_en="Votes can be sent by WhatsApp.")

    html = page(client, f"/en/cek-fakta/{fact_check.slug}/")

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "Votes can be sent by WhatsApp."
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": "Hoax",
    }
    assert data["datePublished"] == "2024-10-09"
    assert data["url"] == f"http://testserver/en/cek-fakta/{fact_check.slug}/"


def test_the_reviewed_claim_says_what_it_is_where_it_appeared_and_when(client, make_fact_check):
    fact_check = make_fact_check(
        claim_en="Votes can be sent by WhatsApp.",
        claim_channel="Chain message",
        claim_seen_on=date(2024, 11, 1),
    )

    html = page(client, f"/en/cek-fakta/{fact_check.slug}/")

    claim = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])[
        "itemReviewed"
    ]
    assert claim["@type"] == "Claim" and claim["text"] == "Votes can be sent by WhatsApp."
    assert claim["datePublished"] == "2024-11-01"
    assert claim["appearance"] == {"@type": "CreativeWork", "name": "Chain message"}
    assert claim["firstAppearance"]["datePublished"] == "2024-11-01"


def test_an_invented_example_fact_check_is_not_offered_as_a_claim_review(client, make_fact_check):
    example = make_fact_check(
        title_ind="[Contoh] Mencoblos lewat WhatsApp", title_en="[Example] Voting by WhatsApp"
    )

    html = page(client, f"/id/cek-fakta/{example.slug}/")

    assert "ClaimReview" not in html


def test_a_corrected_fact_check_keeps_its_earlier_verdict_in_the_change_log(client, make_fact_check):
    fact_check = make_fact_check(verdict=Verdict.MISSING_CONTEXT)
    fact_check.verdict = Verdict.HOAX
    fact_check.correction_note_ind = "Penilaian diubah setelah KPU memberi keterangan."
    fact_check.corrected_at = NOW
    fact_check.save()

    detail = page(client, fact_check.get_absolute_url())
    history = page(client, f"/id/cek-fakta/{fact_check.slug}/riwayat/")

    assert "Diperbarui pada 20 Oktober 2024, 12.00 WITA" in detail
    assert "Penilaian diubah setelah KPU memberi keterangan." in history
    assert "Yang berubah: penilaian" in history
    assert "Kurang konteks</span>" in history


def test_fact_check_pages_have_fixed_query_counts(client, make_fact_check, django_assert_num_queries):
    fact_checks = [make_fact_check() for _ in range(12)]

    with django_assert_num_queries(2):
        page(client, "/id/cek-fakta/")
    with django_assert_num_queries(1):
        page(client, fact_checks[0].get_absolute_url())


# Hostile input ----------------------------------------------------------------------------------


def test_xss_payloads_in_announcements_are_inert_on_every_page(client, make_announcement):
    announcement = make_announcement(
        title_ind=XSS_TEXT[:200],
        summary_ind=XSS_TEXT[:300],
        body_ind=XSS_TEXT,
        correction_note_ind="<script>alert(1)</script>",
        corrected_at=NOW,
        source='"><script>alert(1)</script>',
    )

    for url in [
        "/id/pengumuman/",
        announcement.get_absolute_url(),
        f"/id/pengumuman/{announcement.slug}/riwayat/",
    ]:
        assert active_content(page(client, url)) == [], url
    with translation.override("id"):
        assert active_content(render_to_string("announcements/includes/_home.html", home_context())) == []


def test_xss_payloads_in_fact_checks_are_inert_and_cannot_escape_the_json_ld(client, make_fact_check):
    fact_check = make_fact_check(
        title_ind="</script><script>alert(1)</script>",
        claim_ind=XSS_TEXT,
        explanation_ind=XSS_TEXT,
        claim_channel_ind='<img src=x onerror="alert(1)">',
    )

    html = page(client, fact_check.get_absolute_url())

    assert active_content(html) == []
    assert html.count('<script type="application/ld+json">') == 1  # the ClaimReview, nothing else
    assert active_content(page(client, "/id/cek-fakta/")) == []


# Home -------------------------------------------------------------------------------------------


def test_home_context_offers_pinned_latest_and_fact_checks_in_three_queries(
    make_announcement, make_fact_check, django_assert_num_queries
):
    pinned = make_announcement(pinned=True)
    latest = [make_announcement(publish_at=PAST + timedelta(hours=hour)) for hour in range(6)]
    make_announcement(status=Status.DRAFT)
    checks = [make_fact_check(publish_at=PAST + timedelta(hours=hour)) for hour in range(4)]

    with django_assert_num_queries(3):
        context = home_context()

    assert context["pinned_announcements"] == [pinned]
    assert context["latest_announcements"] == latest[::-1][:4]
    assert context["latest_fact_checks"] == checks[::-1][:3]


def test_home_context_takes_a_moment(make_announcement):
    scheduled = make_announcement(publish_at=SOON)

    assert scheduled not in home_context()["latest_announcements"]
    assert scheduled in home_context(at=SOON)["latest_announcements"]


def test_home_partial_renders_in_both_languages(make_announcement, make_fact_check):
    make_announcement(title_ind="Pengumuman beranda", title_en="Home announcement")
    make_fact_check(verdict=Verdict.TRUE)

    with translation.override("id"):
        indonesian = render_to_string("announcements/includes/_home.html", home_context())
    with translation.override("en"):
        english = render_to_string("announcements/includes/_home.html", home_context())

    assert "Pengumuman beranda" in indonesian and "Semua pengumuman" in indonesian
    assert "Home announcement" in english and "All fact checks" in english
    assert "Benar</span>" in indonesian and "True</span>" in english


# Sitemap ----------------------------------------------------------------------------------------


def test_sitemap_lists_published_items_and_sections_in_both_languages(
    client, make_announcement, make_fact_check
):
    announcement = make_announcement()
    fact_check = make_fact_check()

    xml = page(client, "/sitemap.xml")

    for language in ("id", "en"):
        assert f"<loc>http://testserver/{language}/pengumuman/{announcement.slug}/</loc>" in xml
        assert f"<loc>http://testserver/{language}/cek-fakta/{fact_check.slug}/</loc>" in xml
        assert f"<loc>http://testserver/{language}/pengumuman/</loc>" in xml
        assert f"<loc>http://testserver/{language}/cek-fakta/</loc>" in xml
    assert f'hreflang="en" href="http://testserver/en/pengumuman/{announcement.slug}/"' in xml
