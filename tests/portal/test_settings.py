import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "pilkada.example.go.id"}
    del env[missing]

    result = run_django_setup("portal.settings.prod", **env)

    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_settings_start_with_their_secrets():
    result = run_django_setup(
        "portal.settings.prod", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="pilkada.example.go.id"
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
