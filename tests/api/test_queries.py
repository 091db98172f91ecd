"""Every API address runs a fixed number of queries, the same with ten times the data."""

import pytest
from django.core.cache import cache

from .conftest import build_world

pytestmark = pytest.mark.django_db

# address: queries (a list page is count + rows; each prefetched relation adds one)
EXPECTED = {
    "/api/v1": 1,
    "/api/v1/elections?limit=100": 2,
    "/api/v1/elections.csv": 1,
    "/api/v1/elections/pilkada-contoh": 1,
    "/api/v1/contests?limit=100": 3,  # count, rows, the TPS of any re-vote
    "/api/v1/contests.csv": 2,
    "/api/v1/contests/walikota-contoh": 2,
    "/api/v1/stages?limit=100": 2,
    "/api/v1/stages.csv": 1,
    "/api/v1/debates?limit=100": 2,
    "/api/v1/debates.csv": 1,
    "/api/v1/districts?limit=100": 2,
    "/api/v1/districts.csv": 1,
    "/api/v1/districts/kecamatan-contoh-1": 1,
    "/api/v1/subdistricts?limit=100": 2,
    "/api/v1/subdistricts.csv": 1,
    "/api/v1/subdistricts/kelurahan-contoh-1-1": 1,
    "/api/v1/polling-stations?limit=100": 2,
    "/api/v1/polling-stations.csv": 1,
    "/api/v1/voter-counts?limit=100": 2,
    "/api/v1/voter-counts.csv": 1,
    "/api/v1/results?limit=100": 4,  # + votes with pairs, + the pairs' candidates
    "/api/v1/results.csv": 3,
    # + candidates, parties, documents, points with themes, backgrounds
    "/api/v1/candidate-pairs?limit=100": 7,
    "/api/v1/candidate-pairs.csv": 6,
    "/api/v1/candidate-pairs/walikota-contoh/1": 6,
    "/api/v1/programmes?limit=100": 3,  # + the pairs' candidates
    "/api/v1/programmes.csv": 2,
    "/api/v1/announcements?limit=100": 3,  # + attachments
    "/api/v1/announcements.csv": 2,
    "/api/v1/announcements/{announcement}": 2,
    "/api/v1/fact-checks?limit=100": 2,
    "/api/v1/fact-checks.csv": 1,
    "/api/v1/fact-checks/{fact_check}": 1,
    "/api/openapi.json": 0,
    "/id/data/": 1,  # the last update of every dataset, in one query
    "/en/data/": 1,
    "/id/data/api/": 0,
}


@pytest.mark.parametrize("scale", [1, 10])
def test_every_address_runs_a_fixed_number_of_queries_whatever_the_amount_of_data(
    client, django_assert_num_queries, scale
):
    world = build_world(scale)
    slugs = {"announcement": world["announcements"][-1].slug, "fact_check": world["fact_checks"][-1].slug}
    for address, queries in EXPECTED.items():
        cache.clear()
        url = address.format(**slugs)
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, url
