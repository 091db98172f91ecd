"""Every page in the sitemap passes the Nu HTML Checker (the W3C validator) with zero errors."""

import json
import subprocess

import pytest
from django.test import Client

from .checkers import VNU, require
from .sitemap import demo_sitemap_paths

pytestmark = pytest.mark.django_db


def test_every_sitemap_page_is_valid_html(tmp_path):
    vnu = require(VNU, "The Nu HTML Checker (vnu.jar)")
    client = Client()
    files = {}
    for number, path in enumerate(demo_sitemap_paths()):
        response = client.get(path)
        assert response.status_code == 200, path
        target = tmp_path / f"page-{number:04d}.html"
        target.write_bytes(response.content)
        files[target.as_uri()] = path
    assert len(files) > 90

    # One run for all pages: the checker takes seconds to start.
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
