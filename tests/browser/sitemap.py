import re
from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client


def demo_sitemap_paths():
    """Load the demo data and return the path of every page in the sitemap (both languages)."""
    call_command("load_demo", stdout=StringIO())
    xml = Client().get("/sitemap.xml").content.decode()
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", xml)]
