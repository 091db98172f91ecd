"""Security headers on every kind of response: public pages, admin, API, static files, uploads,
attachments and error pages (404, 500, 503), and a policy that is the same for every reader."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.test import Client

from tests.candidates.photos import photo_bytes
from tests.support.production import run_in_production

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]


def policy_of(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def assert_hardened(response, framing_header=True):
    policy = response["Content-Security-Policy"]
    for directive in REQUIRED_DIRECTIVES:
        assert directive in policy_of(response), (directive, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "nonce-" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )
    if framing_header:
        assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("kepala", password="rahasia-sekali-2024")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/id/",
        "/en/",
        "/id/jadwal/",
        "/id/pengumuman/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
        "/api/",
    ],
)
def test_public_responses_carry_every_security_header(client, path):
    response = client.get(path)

    assert response.status_code < 500
    assert_hardened(response)


def test_the_sign_in_page_carries_the_same_strict_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert_hardened(response)


@pytest.mark.parametrize("path", ["/admin/", "/admin/candidates/candidatepair/add/"])
def test_admin_responses_carry_the_same_strict_policy(staff_client, path):
    response = staff_client.get(path)

    assert response.status_code == 200
    assert_hardened(response)


def test_static_files_carry_the_headers_too(client):
    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    # WhiteNoise answers before the X-Frame-Options middleware; frame-ancestors 'none' covers framing.
    assert_hardened(response, framing_header=False)


def test_a_page_that_does_not_exist_carries_the_headers(client):
    response = client.get("/id/tidak-ada/")

    assert response.status_code == 404
    assert_hardened(response)


def test_a_server_error_carries_the_headers_and_shows_no_trace():
    client = Client(raise_request_exception=False)
    with mock.patch("elections.views.home_context", side_effect=RuntimeError("boom secret")):
        response = client.get("/id/")

    assert response.status_code == 500
    assert_hardened(response)
    assert b"boom secret" not in response.content and b"Traceback" not in response.content


def test_the_database_outage_page_carries_the_headers():
    client = Client(raise_request_exception=False)
    with mock.patch("elections.views.home_context", side_effect=OperationalError("no route")):
        response = client.get("/id/")

    assert response.status_code == 503
    assert_hardened(response)


def test_the_policy_is_the_same_for_every_reader_of_a_cached_page(client):
    first = client.get("/id/")
    second = Client().get("/id/")

    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "public" in second["Cache-Control"]


def test_images_may_come_from_a_separate_media_origin(settings):
    """DJANGO_MEDIA_URL on another origin (read at start-up) is allowed for images, and only there."""

    result = run_in_production(
        "from django.conf import settings; d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(d['img-src'], d['script-src'])",
        DJANGO_MEDIA_URL="https://media.example-usercontent.id/",
    )

    assert result.returncode == 0, result.stderr
    img_src, script_src = result.stdout.strip().split("] [")
    assert "https://media.example-usercontent.id" in img_src
    assert "media.example-usercontent.id" not in script_src


@pytest.fixture
def stored_photo(settings):
    settings.PORTAL_SERVE_MEDIA = True
    folder = settings.MEDIA_ROOT / "candidates" / "2024" / "09"
    folder.mkdir(parents=True)
    (folder / "a1b2.jpg").write_bytes(photo_bytes())
    (folder / "catatan.html").write_text("<script>alert(1)</script>")
    (folder / "surat.pdf").write_bytes(b"%PDF-1.4 ...")
    (settings.MEDIA_ROOT / "candidates" / "2024" / "09" / "teks.jpg").write_text("<html><script>alert(1)")
    return folder


def test_with_portal_serve_media_photos_are_served_as_sandboxed_images(client, stored_photo):
    response = client.get("/media/candidates/2024/09/a1b2.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "public" in response["Cache-Control"]


def test_html_planted_under_an_image_name_is_still_only_an_image(client, stored_photo):
    response = client.get("/media/candidates/2024/09/teks.jpg")

    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/candidates/2024/09/catatan.html",
        "/media/candidates/2024/09/surat.pdf",
        "/media/../portal/settings/base.py",
        "/media/%2e%2e/%2e%2e/etc/passwd.jpg",
        "/media/candidates/2024/09/..%2f..%2f..%2fa1b2.jpg",
        "/media/.upload-abc.part",
        "/media/candidates/2024/09/a1b2.jpg%00.html",
        "/media/tidak-ada.jpg",
    ],
)
def test_with_portal_serve_media_nothing_but_stored_images_is_served(client, stored_photo, path):
    response = client.get(path)

    assert response.status_code in (400, 404)


def test_without_portal_serve_media_uploads_are_not_served_by_the_application(client, stored_photo, settings):
    settings.PORTAL_SERVE_MEDIA = False

    assert client.get("/media/candidates/2024/09/a1b2.jpg").status_code == 404


def test_an_attachment_is_a_sandboxed_pdf_download_even_if_it_holds_html(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from announcements.models import Announcement, Attachment, Status

    announcement = Announcement.objects.create(
        slug="surat-edaran",
        title_ind="Surat",
        summary_ind="Ringkas",
        status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )
    document = Attachment(announcement=announcement, title_ind="Surat <script>")
    document.file.save("x.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 <html><script>alert(1)</script>"))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
