"""Helpers for tests that walk every public page: the demo data and the sitemap's addresses."""

import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.utils import translation

SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
# Voting day, the busiest one: every stage, result and announcement of the demo is in place.
VOTING_DAY = "2024-11-27T08:00+08:00"


def load_demo():
    with translation.override("id"):
        call_command("load_demo", stdout=StringIO())


def sitemap_paths(client):
    """Every address in /sitemap.xml (both languages), as paths on the test server."""
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    return [urlsplit(loc.text).path for loc in root.iter(SITEMAP_LOC)]
