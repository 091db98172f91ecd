"""Running the portal with its production settings in a fresh process, as an operator would."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The documented production environment (README, "Production configuration").
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp9" * 12,
    "DJANGO_ALLOWED_HOSTS": "pilkada.example.go.id",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://pilkada.example.go.id",
    "DJANGO_MEDIA_URL": "https://media.example-usercontent.id/",
    "PORTAL_BASE_URL": "https://pilkada.example.go.id",
}


def run_in_production(code=None, *args, **env):
    """Run Python code, or manage.py with ``args``, in a fresh process with the production settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PORTAL_"))}
    clean.update(PRODUCTION_ENV, **env)
    if code is not None:
        command = [sys.executable, "-c", "import django; django.setup(); " + code]
    else:
        command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)
