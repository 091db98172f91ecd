"""Made-up addresses cannot fill the shared cache (issue 19: 20 s of random ?halaman= values
left 1,331 day-long keys and 38.6 MB in Redis).

An address that names no page answers 404 or redirects to the page it means, and is not kept;
a free-form query (a search, API paging) is kept within a budget; outage copies are kept only
for canonical pages. Checked against the real Redis, as production configures it.
"""

import secrets

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BUDGET = 5
FLOOD = 25


def made_up():
    return secrets.token_hex(4)


# Each kind of address an attacker can vary, with the answer it must get.
FLOODS = {
    "page past the last": (lambda: f"/id/pengumuman/?halaman={secrets.randbelow(10**6) + 2}", 404),
    "malformed page number": (lambda: f"/en/cek-fakta/?halaman=x{made_up()}", 404),
    "unknown category": (lambda: f"/id/pengumuman/?kategori={made_up()}", 404),
    "page number on a page without pages": (lambda: f"/id/jadwal/?halaman={made_up()}", 301),
    "search term on a page without search": (lambda: f"/id/?q={made_up()}", 301),
    "tracking parameter": (lambda: f"/id/pengumuman/?fbclid={made_up()}", 200),
    "unknown API language": (lambda: f"/api/openapi.json?lang={made_up()}", 400),
    "search": (lambda: f"/id/cari/?q={made_up()}", 200),
    "API paging": (lambda: f"/api/v1/districts?offset={secrets.randbelow(10**6)}", 200),
    "sitemap with a made-up parameter": (lambda: f"/sitemap.xml?{made_up()}=1", 200),
}


def test_a_flood_of_made_up_query_strings_leaves_the_shared_cache_bounded(demo, real_redis, settings):
    settings.PORTAL_PAGE_CACHE_QUERY_BUDGET = BUDGET
    reader = Client(raise_request_exception=False)
    for canonical in ("/id/", "/id/pengumuman/", "/en/cek-fakta/", "/id/jadwal/", "/api/openapi.json"):
        assert reader.get(canonical).status_code == 200
    before = set(real_redis.stored_keys())
    day_long_before = set(real_redis.day_long_keys())

    wrong = []
    for kind, (address, status) in FLOODS.items():
        for _ in range(FLOOD):
            url = address()
            answered = reader.get(url).status_code
            if answered != status:
                wrong.append((kind, url, answered))

    assert wrong == []
    new = set(real_redis.stored_keys()) - before
    # Two budget windows at most (the minute may turn during the test), each with its counter.
    assert len(new) <= 2 * (BUDGET + 1), sorted(new)
    assert set(real_redis.day_long_keys()) == day_long_before
