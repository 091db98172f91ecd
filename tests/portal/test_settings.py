import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# What `secrets.token_urlsafe(50)` gives, as docs/operations.md tells operators to generate.
STRONG_KEY = "Jm3u-9xQe2Lr7TpWv4Kd8Zs1Nc6Hb5Yg0Af_OiUoPlMkXwRtEqDyS"
SHOW_DEBUG = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_django_setup(settings_module, **env):
    """Start Django in a fresh process with only the given DJANGO_* variables set."""
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PORTAL_"))
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", SHOW_DEBUG],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_their_secrets(missing):
    env = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "pilkada.example.go.id"}
    del env[missing]

    result = run_django_setup("portal.settings.prod", **env)

    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert line == f"{missing} must be set in the environment for production settings."


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("abc", "3 characters; at least 50"),
        ("x" * 64, "1 different characters; at least 5"),
        ("django-insecure-" + "k3y7Qp9" * 8, "Django's placeholder"),
    ],
)
def test_production_settings_refuse_a_weak_secret_key_in_one_line(weak, reason):
    result = run_django_setup("portal.settings.prod", DJANGO_SECRET_KEY=weak, DJANGO_ALLOWED_HOSTS="a.id")

    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert line.startswith("DJANGO_SECRET_KEY is too weak") and reason in line
    assert weak not in line  # a secret, even a bad one, is never written to a log


def test_production_settings_refuse_a_weak_fallback_key():
    result = run_django_setup(
        "portal.settings.prod",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_SECRET_KEY_FALLBACKS=f"{STRONG_KEY}x,geheim",
        DJANGO_ALLOWED_HOSTS="example.id",
    )

    assert result.returncode != 0
    assert result.stderr.startswith("DJANGO_SECRET_KEY_FALLBACKS holds a key that is too weak")


def test_gunicorn_stops_at_once_with_one_line_when_the_secret_key_is_weak(tmp_path):
    """Not a traceback, and no worker restarted over and over: the master gives up. (One worker:
    with two, gunicorn itself may print a traceback when the second exits while it halts.)"""
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PORTAL_"))
    }
    clean_env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.prod", DJANGO_SECRET_KEY="abc", DJANGO_ALLOWED_HOSTS="x"
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")

    result = subprocess.run(
        [gunicorn, "portal.wsgi:application", "--bind", f"unix:{tmp_path / 'sock'}", "--workers", "1"],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("DJANGO_SECRET_KEY is too weak") >= 1
    assert "Worker failed to boot" in result.stderr


def test_production_settings_start_with_their_secrets():
    result = run_django_setup(
        "portal.settings.prod", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="pilkada.example.go.id"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_development_settings_need_no_environment(tmp_path):
    result = run_django_setup("portal.settings.dev", PORTAL_VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert (tmp_path / "dev-secret-key").exists()


def test_test_settings_need_no_environment():
    result = run_django_setup("portal.settings.test")

    assert result.returncode == 0, result.stderr


def test_database_url_switches_the_database_engine():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL="postgres://u@db.example:5432/portal"
    )

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_interface_is_indonesian_first_in_wita(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.INSTALLED_APPS.index("modeltranslation") < settings.INSTALLED_APPS.index(
        "staff.admin_config.PortalAdminConfig"
    )
