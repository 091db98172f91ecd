from unittest import mock

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_indonesian_portal(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response["Location"] == "/id/"


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/id/", "id", "Pilkada 2024 di Balikpapan"),
        ("/en/", "en", "Pilkada 2024 in Balikpapan"),
    ],
)
def test_home_page_speaks_the_language_in_its_url(client, path, lang, heading):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert heading in html
    assert 'href="#main"' in html and '<main id="main"' in html


def test_home_page_links_to_itself_in_the_other_language(client):
    html = client.get("/id/").content.decode()

    assert 'hreflang="en" lang="en">English</a>' in html.replace("\n", "")
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_names_the_indonesian_version_as_x_default_like_the_sitemap(client, lang):
    html = client.get(f"/{lang}/").content.decode()

    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/id/">' in html


def test_public_pages_are_cacheable_and_touch_no_session(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="a-long-password-1", is_staff=True)
    client.force_login(staff)

    response = client.get("/id/")

    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [("/id/tidak-ada/", "Halaman tidak ditemukan"), ("/en/no-such-page/", "Page not found")],
)
def test_unknown_pages_are_a_friendly_404_in_the_right_language(client, path, text):
    response = client.get(path)

    assert response.status_code == 404
    assert text in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("id"):
        html = render_to_string("500.html")

    assert "Terjadi kesalahan" in html


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert b"database unavailable" in response.content


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_home_page_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/id/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/"' in xml
    assert 'hreflang="x-default"' in xml


def test_admin_is_titled_for_setdakot_staff_in_indonesian(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 200
    assert "Setdakot" in response.content.decode()
