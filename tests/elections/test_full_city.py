"""The whole city through the staff path: the real 34 kelurahan with about 1,000 fictional TPS,
imported as staff would (CSV with each separator, and Excel), then read on every public page
and from every API list. This is the test that would have caught the one-word-kelurahan bug."""

import csv
import io

import pytest

from api.datasets import DATASETS
from elections import training
from elections.importers import PollingStationImporter, VoterCountImporter
from elections.models import PollingStation, Subdistrict, VoterCount
from tests.support.city import ONE_WORD_KELURAHAN
from tests.support.pages import load_demo, sitemap_paths

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("full-city")]

IMPORTERS = {"voter_counts": VoterCountImporter, "polling_stations": PollingStationImporter}
FORMATS = {
    "comma": lambda city, kind: city.csv(kind, ","),
    "semicolon": lambda city, kind: city.csv(kind, ";"),
    "tab": lambda city, kind: city.csv(kind, "\t"),
    "xlsx": lambda city, kind: city.xlsx(kind),
}


@pytest.fixture
def full_city(db):
    """The real demo (with the published city and kecamatan figures) and the training city."""
    load_demo()
    election = VoterCount.objects.first().election
    return training.build(election)


def import_as(full_city, fmt):
    reports = {}
    for kind, importer in IMPORTERS.items():
        data = FORMATS[fmt](full_city, kind)
        name = f"city.{'xlsx' if fmt == 'xlsx' else 'csv'}"
        reports[kind] = importer(data, filename=name).run(confirmation_reason="training")
    return reports


def test_the_whole_city_imports_in_one_go_and_every_format_reads_the_same(full_city):
    first = import_as(full_city, "comma")

    assert first["voter_counts"].applied, first["voter_counts"].problems[:5]
    assert first["polling_stations"].applied, first["polling_stations"].problems[:5]
    assert Subdistrict.objects.count() == 34
    assert VoterCount.objects.filter(subdistrict__isnull=False).count() == 2 * 34
    assert 950 <= PollingStation.objects.count() <= 1100
    assert set(
        PollingStation.objects.filter(subdistrict__name__in=ONE_WORD_KELURAHAN).values_list(
            "subdistrict__name", flat=True
        )
    ) == set(ONE_WORD_KELURAHAN)
    for fmt in ("semicolon", "tab", "xlsx"):
        again = import_as(full_city, fmt)
        for kind, report in again.items():
            assert report.ok, (fmt, kind, report.problems[:3])
            assert (report.created, report.updated) == (0, 0), (fmt, kind)
            assert report.unchanged == len(getattr(full_city, kind)), (fmt, kind)


def test_every_public_page_and_api_list_shows_the_whole_city(full_city, client):
    import_as(full_city, "xlsx")
    paths = sitemap_paths(client)

    # /<language>/pemilihan/<election>/pemilih/<kecamatan>/<kelurahan>/
    kelurahan_pages = [p for p in paths if p.count("/") == 7 and "/pemilih/" in p]
    broken = [p for p in paths if client.get(p).status_code != 200]
    assert broken == []
    assert len(kelurahan_pages) == 2 * 34
    for path in kelurahan_pages:
        html = client.get(path).content.decode()
        assert "TPS 001" in html or "TPS 1" in html, path

    for dataset in DATASETS.values():
        assert client.get(dataset.json_path).status_code == 200, dataset.key
        assert client.get(dataset.csv_path).status_code == 200, dataset.key
    kelurahan_dpt = client.get("/api/v1/voter-counts?list_stage=DPT&level=subdistrict&limit=100").json()
    assert kelurahan_dpt["count"] == 34
    stations = list(csv.DictReader(io.StringIO(client.get("/api/v1/polling-stations.csv").content.decode())))
    assert len(stations) == PollingStation.objects.count()
