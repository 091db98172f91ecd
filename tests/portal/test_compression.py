"""gzip at the origin for HTML, JSON, CSV and feeds, from the page cache or not, with ETags that
still revalidate; never for images or staff pages."""

import gzip

import pytest

from elections.models import District

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip"}


@pytest.mark.parametrize(
    "path",
    ["/id/", "/api/v1/districts", "/api/v1/districts.csv", "/id/pengumuman/feed/atom/", "/api/openapi.json"],
)
def test_text_answers_are_compressed_fresh_and_from_the_page_cache(client, path):
    # Enough rows that the lists are worth compressing (gzip leaves tiny answers alone).
    District.objects.bulk_create(District(name=f"Kecamatan {n}", slug=f"kecamatan-{n}") for n in range(10))
    plain = client.get(path)
    fresh = client.get(path, headers=GZIP)
    kept = client.get(path, headers=GZIP)

    for response in (fresh, kept):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
    assert not plain.has_header("Content-Encoding")


def test_a_compressed_answer_still_revalidates_with_its_etag(client):
    first = client.get("/id/", headers=GZIP)

    assert first["ETag"].startswith('W/"')
    assert client.get("/id/", headers={**GZIP, "if-none-match": first["ETag"]}).status_code == 304


def test_staff_pages_are_not_compressed(client):
    """Their CSRF token must not be guessable through compressed sizes (BREACH)."""
    response = client.get("/admin/login/", headers=GZIP)

    assert response.status_code == 200 and not response.has_header("Content-Encoding")
