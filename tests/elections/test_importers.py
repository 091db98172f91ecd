from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elections.importers import PollingStationImporter, VoterCountImporter
from elections.models import PollingStation, VoterCount

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language():
    with translation.override("en"):
        yield


HEADER = "election,list,kecamatan,kelurahan,total,male,female,tps,as_of,source\n"


def csv_bytes(*rows, header=HEADER):
    return (header + "".join(row + "\n" for row in rows)).encode()


GOOD = csv_bytes(
    "pilkada-2024,DPS,Kecamatan Contoh 1,,40,,,2,2024-08-11,Pleno",
    "pilkada-2024,DPS,Kecamatan Contoh 2,,60,,,3,2024-08-11,Pleno",
    "pilkada-2024,DPS,,,100,55,45,5,2024-08-11,Pleno",
    "pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno DPT",
)


def test_a_good_file_creates_every_figure_and_says_so(election, areas):
    report = VoterCountImporter(GOOD).run()

    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    city = VoterCount.objects.city().get(list_stage="DPS")
    assert (city.total, city.male, city.female, city.polling_stations) == (100, 55, 45, 5)


def test_importing_the_same_file_twice_changes_nothing(election, areas):
    VoterCountImporter(GOOD).run()
    history_before = VoterCount.history.count()

    report = VoterCountImporter(GOOD).run()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert VoterCount.history.count() == history_before


def test_a_corrected_file_updates_only_what_changed(election, areas):
    VoterCountImporter(GOOD).run()
    corrected = GOOD.replace(b"DPT,,,98,", b"DPT,,,97,")

    report = VoterCountImporter(corrected).run()

    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert VoterCount.objects.get(list_stage="DPT").total == 97


def test_kelurahan_can_be_named_without_their_kecamatan_and_in_any_case(election, areas):
    report = VoterCountImporter(csv_bytes("pilkada-2024,DPS,,KELURAHAN 1-2,25,,,1,2024-08-11,Pleno")).run()

    assert report.ok, report.errors
    assert VoterCount.objects.get().subdistrict.slug == "kelurahan-1-2"


def test_thousand_separators_are_understood(election, areas):
    report = VoterCountImporter(csv_bytes('pilkada-2024,DPT,,,"520.986",,,996,2024-09-19,Pleno')).run()

    assert report.ok, report.errors
    assert VoterCount.objects.get().total == 520986


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "pilkada-2024,DPS,Kecamatan Atlantis,,10,,,,2024-08-11,Pleno",
            "Unknown kecamatan 'Kecamatan Atlantis'",
        ),
        ("pilkada-2024,DPS,,Kelurahan 9-9,10,,,,2024-08-11,Pleno", "Unknown kelurahan 'Kelurahan 9-9'"),
        ("pilkada-2024,DPS,Kecamatan Contoh 2,Kelurahan 1-1,10,,,,2024-08-11,Pleno", "in kecamatan"),
        ("pilkada-2024,DPS,,,-5,,,,2024-08-11,Pleno", "is negative"),
        ("pilkada-2024,DPS,,,sepuluh,,,,2024-08-11,Pleno", "not a whole number"),
        ("pilkada-2024,DPS,,,10.5,,,,2024-08-11,Pleno", "not a whole number"),
        ("pilkada-2024,DPS,,,,,,,2024-08-11,Pleno", "a number is required"),
        ("pilkada-2024,DPS,,,10,12,,,2024-08-11,Pleno", "larger than 'total'"),
        ("pilkada-2024,DPS,,,10,6,5,,2024-08-11,Pleno", "does not equal 'total'"),
        ("pilkada-2024,DPX,,,10,,,,2024-08-11,Pleno", "Unknown list 'DPX'"),
        ("pilkada-2099,DPS,,,10,,,,2024-08-11,Pleno", "Unknown election"),
        ("pilkada-2024,DPS,,,10,,,,11/08/2024,Pleno", "YYYY-MM-DD"),
        ("pilkada-2024,DPS,,,10,,,,2024-08-11,", "'source' is empty"),
        ("pilkada-2024,DPS,,,99999999999,,,,2024-08-11,Pleno", "implausibly large"),
    ],
)
def test_a_bad_row_imports_nothing_and_is_named_with_its_line(election, areas, row, message):
    good = "pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno DPT"

    report = VoterCountImporter(csv_bytes(good, row)).run()

    assert not report.ok
    assert report.errors[0][0] == 3
    assert message in report.errors[0][1]
    assert VoterCount.objects.count() == 0


def test_every_bad_row_is_reported_not_just_the_first(election, areas):
    report = VoterCountImporter(
        csv_bytes(
            "pilkada-2024,DPS,,,-1,,,,2024-08-11,Pleno",
            "pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno",
            "pilkada-2024,DPS,Nowhere,,1,,,,2024-08-11,Pleno",
        )
    ).run()

    assert [line for line, _message in report.errors] == [2, 4]


def test_a_duplicate_row_is_refused(election, areas):
    row = "pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno"

    report = VoterCountImporter(csv_bytes(row, row)).run()

    assert report.errors == [(3, "Duplicate row: line 2 already gives this figure.")]
    assert VoterCount.objects.count() == 0


def test_parts_that_do_not_add_up_to_the_whole_roll_the_file_back(election, areas):
    wrong = GOOD.replace(b",,100,55,45,", b",,101,56,45,")

    report = VoterCountImporter(wrong).run()

    assert not report.ok
    assert report.errors[0][0] == 4  # the line of the city figure
    assert VoterCount.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(election, areas):
    report = VoterCountImporter("election;list\nPilkada é".encode("latin-1")).run()

    assert report.errors == [(0, "The file is not UTF-8 text. In a spreadsheet, save it as 'CSV UTF-8'.")]


def test_missing_and_unknown_columns_are_named(election, areas):
    report = VoterCountImporter(b"election,list,total,colour\npilkada-2024,DPT,1,red\n").run()

    messages = " ".join(message for _line, message in report.errors)
    assert "kecamatan" in messages and "as_of" in messages and "colour" in messages


def test_check_only_reports_without_writing(election, areas):
    report = VoterCountImporter(GOOD).run(dry_run=True)

    assert report.ok and report.created == 4
    assert VoterCount.objects.count() == 0


def test_history_records_who_imported_and_why(election, areas):
    staff = get_user_model().objects.create_user("petugas", password="x" * 14, is_staff=True)

    VoterCountImporter(GOOD, user=staff, reason="Rekap KPU").run()

    record = VoterCount.history.filter(list_stage="DPT").get()
    assert record.history_user == staff
    assert record.history_change_reason == "Rekap KPU"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.text(max_size=30), min_size=10, max_size=10))
def test_garbage_cells_never_crash_the_importer(election, areas, cells):
    line = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)

    report = VoterCountImporter(csv_bytes(line)).run()

    assert report.ok or report.errors
    if not report.ok:
        assert VoterCount.objects.count() == 0


def test_the_management_command_imports_a_good_file(election, areas, tmp_path):
    path = tmp_path / "dps.csv"
    path.write_bytes(GOOD)
    out = StringIO()

    with translation.override("id"):
        call_command("import_voter_counts", str(path), stdout=out)

    assert "4 dibuat, 0 diperbarui, 0 tidak berubah" in out.getvalue()


def test_the_management_command_fails_on_a_bad_file_and_lists_the_lines(election, areas, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("pilkada-2024,DPS,,,-1,,,,2024-08-11,Pleno"))
    err = StringIO()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_voter_counts", str(path), stderr=err)

    assert "line 2:" in err.getvalue()
    assert VoterCount.objects.count() == 0


TPS_HEADER = (
    "election,kecamatan,kelurahan,number,address,location_kind,voters,access,wide_door,braille_template,"
    "priority_seating,accessibility_notes,as_of,source\n"
)


def test_polling_stations_import_with_their_accessibility_facts(election, areas):
    data = csv_bytes(
        "pilkada-2024,Kecamatan Contoh 1,Kelurahan 1-1,1,Halaman SD Contoh,regular,300,ramp,ya,tidak,,"
        "Ramp di gerbang samping,2024-11-20,PPS contoh",
        header=TPS_HEADER,
    )

    report = PollingStationImporter(data).run()

    assert report.ok, report.errors
    station = PollingStation.objects.get()
    assert (station.access, station.wide_door, station.braille_template, station.priority_seating) == (
        "ramp",
        True,
        False,
        None,
    )
    assert PollingStationImporter(data).run().unchanged == 1


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("0,Alamat,regular,300,,,,,", "start at 1"),
        ("1,Alamat,rumah,300,,,,,", "Unknown location_kind"),
        ("1,Alamat,regular,300,lift,,,,", "Unknown access"),
        ("1,Alamat,regular,300,,mungkin,,,", "ya/tidak"),
    ],
)
def test_bad_polling_station_rows_import_nothing(election, areas, cells, message):
    data = csv_bytes(
        f"pilkada-2024,Kecamatan Contoh 1,Kelurahan 1-1,{cells},2024-11-20,PPS", header=TPS_HEADER
    )

    report = PollingStationImporter(data).run()

    assert message in report.errors[0][1]
    assert PollingStation.objects.count() == 0


def test_polling_stations_need_a_kelurahan(election, areas):
    data = csv_bytes(
        "pilkada-2024,Kecamatan Contoh 1,,1,Alamat,regular,300,,,,,,2024-11-20,PPS", header=TPS_HEADER
    )

    report = PollingStationImporter(data).run()

    assert "kelurahan" in report.errors[0][1]
