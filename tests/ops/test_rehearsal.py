"""The rehearsal copy (`make rehearse`): its own database, the full training city, and the
training mark on every page, title, share text, preview card and admin screen."""

import html
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.utils import translation

from core import sharecards as og
from elections import training as training_city
from elections.models import PollingStation, Subdistrict, VoterCount
from reach.og_cards import PORTAL
from tests.support.pages import sitemap_paths

ROOT = Path(__file__).resolve().parents[2]
MARKS = {"id": "DATA LATIHAN, bukan data resmi", "en": "TRAINING DATA, not official figures"}
SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['NAME'], s.PORTAL_TRAINING, s.CACHES['default']['KEY_PREFIX'], "
    "s.MEDIA_ROOT, s.SESSION_COOKIE_NAME)"
)


def start_rehearsal_settings(var_dir, **env):
    """Start Django with the rehearsal settings in a fresh process, its files under ``var_dir``."""
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "PORTAL_", "REHEARSAL_"))
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE="portal.settings.rehearsal", PORTAL_VAR_DIR=str(var_dir))
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def language_of(path):
    return path.split("/")[1]


def meta(page, name):
    found = re.search(rf'<meta (?:property|name)="{name}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def whatsapp_text(page):
    found = re.search(r'href="https://wa\.me/\?text=([^"]*)"', page)
    return parse_qs(f"text={html.unescape(found.group(1))}")["text"][0] if found else None


# --- settings ---


def test_rehearsal_settings_use_their_own_database_cache_media_and_cookies(tmp_path):
    result = start_rehearsal_settings(tmp_path)

    assert result.returncode == 0, result.stderr
    database, training, prefix, media, cookie = result.stdout.split()
    assert database == str(tmp_path / "rehearsal.sqlite3")
    assert (training, prefix, media, cookie) == (
        "True",
        "rehearsal",
        str(tmp_path / "rehearsal-media"),
        "rehearsal_sessionid",
    )


@pytest.mark.parametrize(
    ("real", "rehearsal"),
    [
        (None, "sqlite:///{var}/db.sqlite3"),
        (None, "sqlite:///{var}/../{name}/db.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/portal", "postgres://postgres@127.0.0.1:5432/portal"),
        ("postgres://portal@localhost/portal", "postgres://other@127.0.0.1:5432/portal"),
    ],
    ids=["default-sqlite", "same-file-other-spelling", "same-url", "same-server-other-spelling"],
)
def test_rehearsal_settings_refuse_the_real_portals_database(tmp_path, real, rehearsal):
    env = {"REHEARSAL_DATABASE_URL": rehearsal.format(var=tmp_path, name=tmp_path.name)}
    if real:
        env["DATABASE_URL"] = real

    result = start_rehearsal_settings(tmp_path, **env)

    assert result.returncode != 0
    assert "REHEARSAL_DATABASE_URL to another database than DATABASE_URL" in result.stderr


def test_rehearsal_settings_take_another_database_on_the_same_server(tmp_path):
    result = start_rehearsal_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
        REHEARSAL_DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_rehearsal",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "portal_rehearsal"


# --- the mark on the public pages ---


@pytest.fixture
def training(settings):
    settings.PORTAL_TRAINING = True


@pytest.mark.django_db
def test_every_sitemap_page_is_marked_in_banner_title_and_preview_in_both_languages(client, demo, training):
    paths = sitemap_paths(client)

    for path in paths:
        page = client.get(path).content.decode()
        mark = MARKS[language_of(path)]
        assert 'class="training-banner"' in page, path
        assert page.index('class="training-banner"') < page.index('class="skip-link"'), path
        assert f'<strong id="training-mark">{mark}</strong>' in page, path
        assert re.search(r"<title>([^<]*)</title>", page).group(1).startswith(f"[{mark}] "), path
        assert meta(page, "og:title").startswith(f"[{mark}] "), path
        assert meta(page, "twitter:title").startswith(f"[{mark}] "), path
        assert meta(page, "og:image:alt").startswith(f"[{mark}] "), path
        assert meta(page, "robots") == "noindex", path
    assert {language_of(path) for path in paths} == {"id", "en"}


@pytest.mark.django_db
def test_every_share_text_starts_with_the_mark_and_claims_nothing_official(client, demo, training):
    paths = sitemap_paths(client)
    shared = 0

    for path in paths:
        text = whatsapp_text(client.get(path).content.decode())
        if text is None:
            continue
        shared += 1
        assert text.startswith(f"[{MARKS[language_of(path)]}] "), path
        assert "resmi dari Pemkot" not in text and "Official info" not in text, path
    assert shared > len(paths) / 2


@pytest.mark.django_db
def test_preview_card_of_a_marked_page_is_another_image_than_the_real_one(client, demo, training, settings):
    page = client.get("/id/").content.decode()
    marked = client.get(urlsplit(meta(page, "og:image")).path)

    settings.PORTAL_TRAINING = False
    with translation.override("id"):
        real = PORTAL.share_card()

    assert marked.status_code == 200
    assert marked["Content-Type"] == "image/jpeg"
    assert marked.content != og.render(real)
    assert real.digest() not in meta(page, "og:image")


def test_preview_card_drawing_carries_the_mark(settings):
    settings.PORTAL_TRAINING = True
    with translation.override("en"):
        card = PORTAL.share_card()

    assert card.mark == MARKS["en"]
    settings.PORTAL_TRAINING = False
    assert og.render(card) != og.render(og.Card(**{**card.__dict__, "mark": ""}))


@pytest.mark.django_db
def test_robots_txt_keeps_search_engines_out_of_the_rehearsal(client, training):
    body = client.get("/robots.txt").content.decode()

    assert "Disallow: /\n" in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_admin_header_carries_the_mark(admin_client, training, language):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        re.search(r'<div id="site-name"><a [^>]*>([^<]*)</a>', page)
        .group(1)
        .startswith(f"[{MARKS[language]}] ")
    )
    assert re.search(r"<title>([^<]*)</title>", page).group(1).count(MARKS[language]) == 1


@pytest.mark.django_db
def test_the_error_page_carries_the_mark(training):
    with translation.override("id"):
        page = render_to_string("500.html")

    assert f'<strong id="training-mark">{MARKS["id"]}</strong>' in page


# --- nothing changes for the real portal ---


@pytest.mark.django_db
def test_without_training_no_page_admin_screen_or_card_is_marked(client, admin_client, demo):
    paths = sitemap_paths(client)

    for path in paths:
        page = client.get(path).content.decode()
        assert "training-banner" not in page, path
        assert MARKS[language_of(path)] not in page, path
        assert not re.search(r"<title>\[", page), path
        assert not meta(page, "og:title").startswith("["), path
        assert (text := whatsapp_text(page)) is None or not text.startswith("["), path
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()
    assert MARKS["id"] not in admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert PORTAL.share_card().mark == ""


# --- load_rehearsal ---


def snapshot():
    return {
        "voter counts": VoterCount.objects.count(),
        "voter count history": VoterCount.history.count(),
        "polling stations": PollingStation.objects.count(),
        "polling station history": PollingStation.history.count(),
    }


@pytest.mark.django_db
def test_load_rehearsal_fills_every_kelurahan_and_a_second_run_keeps_what_staff_practised(training):
    call_command("load_rehearsal", stdout=StringIO())

    assert Subdistrict.objects.count() == 34
    for kelurahan in Subdistrict.objects.all():
        dpt = VoterCount.objects.get(subdistrict=kelurahan, list_stage="DPT")
        assert dpt.total and dpt.male and dpt.female and dpt.polling_stations, kelurahan
        assert kelurahan.polling_stations.count() == dpt.polling_stations, kelurahan
    assert PollingStation.objects.count() == 996
    assert set(PollingStation.objects.values_list("source", flat=True)) == {training_city.SOURCE}

    corrected = VoterCount.objects.get(subdistrict__name="Damai", list_stage="DPT")
    corrected.total, corrected.male = corrected.total + 1, corrected.male + 1
    corrected.save()
    before = snapshot()
    out = StringIO()
    call_command("load_rehearsal", stdout=out)

    assert snapshot() == before
    assert VoterCount.objects.get(pk=corrected.pk).total == corrected.total
    assert "nothing changed" in out.getvalue()


@pytest.mark.django_db
def test_load_rehearsal_refuses_a_portal_that_does_not_mark_training_data(settings):
    settings.PORTAL_TRAINING = False

    with pytest.raises(CommandError, match="portal.settings.rehearsal"):
        call_command("load_rehearsal", stdout=StringIO())

    assert not VoterCount.objects.exists()
    assert not PollingStation.objects.exists()
