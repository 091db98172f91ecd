"""Property-based tests: whatever bytes arrive as a CSV file, the importers answer with a report
(never an exception), and a refused file changes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elections.importers import PollingStationImporter, VoterCountImporter
from elections.models import PollingStation, VoterCount

HEADER = "election,list,kecamatan,kelurahan,total,male,female,tps,as_of,source\n"
TPS_HEADER = "election,kecamatan,kelurahan,number,address,voters,access,as_of,source\n"

pytestmark = pytest.mark.django_db

FIXTURES = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Cells that come close to valid values, where parsing bugs hide.
NEAR_VALUES = st.sampled_from(
    [
        "",
        "pilkada-2024",
        "DPS",
        "DPT",
        "Balikpapan Kota",
        "Damai",
        "gunung-samarinda-baru",
        "520.986",
        "520,986",
        "1.2.3",
        "-1",
        "0",
        "9" * 30,
        "1e9",
        "NaN",
        "2024-08-11",
        "2024-02-30",
        "11/08/2024",
        "ya",
        "tidak",
        "ramp",
        "prison",
        '=HYPERLINK("http://evil.example")',
        "\x00",
        "\ufeff",
        "\r",
        '"',
    ]
)
CELLS = st.one_of(NEAR_VALUES, st.text(max_size=20))


def row(cells):
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


def counts():
    return VoterCount.objects.count(), PollingStation.objects.count()


@FIXTURES
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_either_importer(city, data):
    before = counts()

    for importer in (VoterCountImporter, PollingStationImporter):
        report = importer(data).run()
        assert report.ok or report.problems
        assert all(isinstance(p.line, int) and str(p.message) for p in report.problems)

    if before != counts():
        # Only a file that imported cleanly may have written anything.
        assert VoterCountImporter(data).preview().ok or PollingStationImporter(data).preview().ok


@FIXTURES
@given(rows=st.lists(st.lists(CELLS, min_size=10, max_size=10), min_size=1, max_size=5))
def test_near_valid_voter_count_files_import_fully_or_not_at_all(city, rows):
    data = (HEADER + "".join(row(cells) + "\n" for cells in rows)).encode()
    before = VoterCount.objects.count()

    report = VoterCountImporter(data).run()

    if not report.ok:
        assert VoterCount.objects.count() == before
        assert report.created == report.updated == report.unchanged == 0


@FIXTURES
@given(rows=st.lists(st.lists(CELLS, min_size=6, max_size=14), min_size=1, max_size=5))
def test_near_valid_tps_files_import_fully_or_not_at_all(city, rows):
    width = len(TPS_HEADER.strip().split(","))
    data = (TPS_HEADER + "".join(row((cells * 3)[:width]) + "\n" for cells in rows)).encode()
    before = PollingStation.objects.count()

    report = PollingStationImporter(data).run()

    if not report.ok:
        assert PollingStation.objects.count() == before
