"""The importers at the city's real shape: every kelurahan, every problem at once, every format."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from core.spreadsheets import read_table
from elections.importers import PollingStationImporter, VoterCountImporter
from elections.models import PollingStation, VoterCount
from tests.support.city import ONE_WORD_KELURAHAN, csv_rows, kelurahan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English here; staff read them in Indonesian (tested below)."""
    with translation.override("en"):
        yield


TPS_HEADER = "election,kecamatan,kelurahan,number,address,voters,access,as_of,source"


def imported(data, importer=VoterCountImporter, **kwargs):
    return importer(data, **kwargs).run()


def problems(report):
    return [(p.line, p.column, p.message) for p in report.problems]


def test_the_issue_row_for_damai_imports(city):
    report = imported(csv_rows("pilkada-2024,DPT,Balikpapan Kota,Damai,8000,,,,2024-09-19,test"))

    assert report.applied, problems(report)
    assert VoterCount.objects.get(subdistrict=kelurahan("Damai"), list_stage="DPT").total == 8000


@pytest.mark.parametrize("name", ONE_WORD_KELURAHAN)
def test_every_one_word_kelurahan_is_found_with_and_without_its_kecamatan(city, name):
    area = kelurahan(name)
    rows = [f"pilkada-2024,DPS,{area.district.name},{name},900,,,2,2024-08-11,test"]

    with_district = VoterCountImporter(csv_rows(*rows)).preview()
    without_district = VoterCountImporter(csv_rows(rows[0].replace(area.district.name, ""))).preview()

    assert with_district.ok and without_district.ok, problems(with_district) + problems(without_district)
    assert [row.label for row in with_district.rows] == [f"DPS · {name}"]


def test_every_problem_of_a_row_is_reported_at_once(city):
    report = imported(csv_rows("pilkada-2024,DPT,Balikpapan Kota,Damaii,8000,4000,3000,,19/09/2024,test"))

    assert {column for _line, column, _message in problems(report)} == {"kelurahan", "total"}
    assert all(line == 2 for line, _column, _message in problems(report))
    assert VoterCount.objects.filter(subdistrict__isnull=False).count() == 0


def test_a_misspelt_kelurahan_gets_a_suggestion(city):
    report = imported(csv_rows("pilkada-2024,DPT,,Gunung Samarinda Bru,8000,,,,2024-09-19,test"))

    assert report.problems[0].hint == "Did you mean 'Gunung Samarinda Baru'?"


def test_a_kelurahan_in_another_kecamatan_says_which(city):
    report = imported(csv_rows("pilkada-2024,DPT,Balikpapan Utara,Damai,8000,,,,2024-09-19,test"))

    assert report.problems[0].column == "kecamatan"
    assert report.problems[0].hint == "Did you mean kecamatan Balikpapan Kota?"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_separators_and_encodings_staff_save_with_are_read(city, delimiter, encoding):
    text = csv_rows("pilkada-2024,DPT,Balikpapan Kota,Damai,8.000,,,,19-09-2024,Pleno Kécamatan").decode()

    report = imported(text.replace(",", delimiter).encode(encoding))

    assert report.applied, problems(report)
    count = VoterCount.objects.get(subdistrict=kelurahan("Damai"), list_stage="DPT")
    assert (count.total, count.as_of.isoformat(), count.source) == (8000, "2024-09-19", "Pleno Kécamatan")


@pytest.mark.parametrize("written", ["8000", "8.000", "8,000", "8 000"])
def test_indonesian_and_english_number_formats_are_one_number(city, written):
    report = imported(csv_rows(f'pilkada-2024,DPT,,Damai,"{written}",,,,2024-09-19,test'))

    assert report.applied, problems(report)
    assert VoterCount.objects.get(subdistrict=kelurahan("Damai"), list_stage="DPT").total == 8000


@pytest.mark.parametrize(
    ("cell", "column", "message"),
    [
        ("٧٠٣٦٤", "total", "digits other than 0-9"),
        ("１３９", "total", "digits other than 0-9"),
        ("8000.5", "total", "not a whole number"),
        ("-5", "total", "is negative"),
        ("", "total", "a number is required"),
    ],
)
def test_bad_numbers_are_refused_by_name(city, cell, column, message):
    report = imported(csv_rows(f"pilkada-2024,DPT,,Damai,{cell},,,,2024-09-19,test"))

    assert [(line, col) for line, col, _m in problems(report)] == [(2, column)]
    assert message in report.problems[0].message
    assert not VoterCount.objects.filter(subdistrict__isnull=False).exists()


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2999-01-01", "lies in the future"),
        ("2019-09-19", "outside the timeline"),
        ("09/19/2024", "must be a date"),
    ],
)
def test_implausible_dates_are_refused(city, as_of, message):
    report = imported(csv_rows(f"pilkada-2024,DPT,,Damai,8000,,,,{as_of},test"))

    assert message in report.problems[0].message
    assert not VoterCount.objects.filter(subdistrict__isnull=False).exists()


def test_a_month_first_date_gets_a_hint(city):
    report = imported(csv_rows("pilkada-2024,DPT,,Damai,8000,,,,09/19/2024,test"))

    assert report.problems[0].hint == "Dates are written day first: 19/09/2024."


def test_a_kelurahan_larger_than_its_kecamatan_is_refused(city):
    report = imported(csv_rows("pilkada-2024,DPS,Balikpapan Kota,Damai,91200,,,200,2024-08-11,test"))

    assert not report.ok
    assert "more than Balikpapan Kota has in all (61,055)" in report.problems[0].message


def test_a_dpt_far_from_its_dps_needs_a_confirmation_with_a_reason(city):
    data = csv_rows("pilkada-2024,DPT,Balikpapan Kota,,78150,,,140,2024-09-19,test")

    unconfirmed = imported(data)

    assert unconfirmed.ok and unconfirmed.needs_confirmation and not unconfirmed.applied
    assert "28" in unconfirmed.confirmations[0].message
    assert not VoterCount.objects.filter(list_stage="DPT", district__name="Balikpapan Kota").exists()

    confirmed = VoterCountImporter(data).run(confirmation_reason="BA pleno 19-09-2024")

    assert confirmed.applied
    stored = VoterCount.objects.get(list_stage="DPT", district__name="Balikpapan Kota")
    assert "BA pleno 19-09-2024" in stored.history.latest().history_change_reason


def test_too_many_voters_per_tps_is_refused_with_the_legal_maximum(city):
    report = imported(csv_rows("pilkada-2024,DPT,,Damai,8000,,,10,2024-09-19,test"))

    assert report.problems[0].column == "tps"
    assert "legal maximum of 600" in report.problems[0].message


def test_a_semicolon_file_read_as_one_column_gets_a_hint(city):
    report = imported(b"election|list|kecamatan|kelurahan|total|as_of|source\npilkada-2024|DPT|||1|x|y\n")

    assert "Missing column" in report.problems[0].message
    assert "semicolons or tabs" in report.problems[0].hint


def test_an_old_excel_file_is_refused_with_what_to_do(city):
    report = imported(b"\xd0\xcf\x11\xe0" + b"\x00" * 64, filename="dpt.xls")

    assert "old Excel file" in report.problems[0].message
    assert ".xlsx" in report.problems[0].hint


def test_preview_writes_nothing_and_shows_old_and_new(city):
    imported(csv_rows("pilkada-2024,DPT,,Damai,8000,,,,2024-09-19,test"))

    report = VoterCountImporter(csv_rows("pilkada-2024,DPT,,Damai,8100,,,,2024-09-19,test")).preview()

    assert [(c.field, c.old, c.new) for c in report.rows[0].changes] == [("voters", "8,000", "8,100")]
    assert VoterCount.objects.get(subdistrict=kelurahan("Damai"), list_stage="DPT").total == 8000


def test_importing_the_same_file_twice_changes_nothing(city):
    data = csv_rows("pilkada-2024,DPT,,Damai,8000,,,,2024-09-19,test")
    imported(data)

    again = imported(data)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert VoterCount.objects.get(subdistrict=kelurahan("Damai"), list_stage="DPT").history.count() == 1


def test_a_duplicate_row_is_refused(city):
    row = "pilkada-2024,DPT,,Damai,8000,,,,2024-09-19,test"

    report = imported(csv_rows(row, row))

    assert problems(report) == [(3, "", "Duplicate row: line 2 already gives this figure.")]


def test_missing_and_unknown_columns_are_named(city):
    report = imported(b"election,list,total,colour\npilkada-2024,DPT,1,red\n")

    messages = " ".join(p.message for p in report.problems)
    assert "kecamatan" in messages and "as_of" in messages and "colour" in messages


def test_template_rows_without_figures_are_left_out(city):
    header, rows = VoterCountImporter.template(city)

    report = VoterCountImporter(
        ("\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n").encode()
    ).preview()

    assert len(rows) == 1 + 6 + 34
    assert report.skipped == 41
    assert report.problems[0].message == "The file has a header but no rows with figures."


def test_the_command_checks_imports_and_confirms(city, tmp_path, capsys):
    path = tmp_path / "dpt.csv"
    path.write_bytes(csv_rows("pilkada-2024,DPT,Balikpapan Kota,,78150,,,140,2024-09-19,test"))

    with pytest.raises(CommandError, match="need confirmation"):
        call_command("import_voter_counts", str(path))
    call_command("import_voter_counts", str(path), "--confirm", "BA pleno")

    assert VoterCount.objects.get(list_stage="DPT", district__name="Balikpapan Kota").total == 78150


def test_the_command_lists_every_problem_with_row_and_column(city, tmp_path, capsys):
    path = tmp_path / "dpt.csv"
    path.write_bytes(csv_rows("pilkada-2024,DPT,,Damaii,8000,4000,3000,,2024-09-19,test"))

    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_voter_counts", str(path), "--check")

    errors = capsys.readouterr().err
    assert "line 2, column kelurahan: Unknown kelurahan 'Damaii'. Did you mean 'Damai'?" in errors
    assert "line 2, column total:" in errors


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_command_writes_a_template_for_the_whole_city(city, tmp_path, suffix):
    path = tmp_path / f"template.{suffix}"
    call_command("import_polling_stations", str(path), "--template")

    table = read_table(path.read_bytes(), path.name)
    assert len(table.rows) == 34
    assert {row["kelurahan"] for _line, row in table.rows} >= set(ONE_WORD_KELURAHAN)


def test_polling_stations_import_with_their_accessibility_facts(city):
    report = imported(
        csv_rows(
            "pilkada-2024,Balikpapan Kota,Damai,1,Jl. Contoh,300,ramp,2024-09-19,test",
            "pilkada-2024,,Damai,2,,280,,19/09/2024,test",
            header=TPS_HEADER,
        ),
        PollingStationImporter,
    )

    assert report.applied, problems(report)
    first, second = PollingStation.objects.filter(subdistrict=kelurahan("Damai")).order_by("number")
    assert (first.access, second.access, second.voters) == ("ramp", "", 280)


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("0,,300,,2024-09-19", "number", "start at 1"),
        ("1,,601,,2024-09-19", "voters", "legal maximum of 600"),
        ("1,,300,lift,2024-09-19", "access", "Unknown access"),
        ("1,,300,,2999-09-19", "as_of", "in the future"),
    ],
)
def test_bad_polling_station_rows_import_nothing(city, cells, column, message):
    report = imported(
        csv_rows(f"pilkada-2024,,Damai,{cells},test", header=TPS_HEADER), PollingStationImporter
    )

    assert report.problems[0].column == column and message in report.problems[0].message
    assert PollingStation.objects.count() == 0


def test_polling_stations_need_a_kelurahan(city):
    report = imported(
        csv_rows("pilkada-2024,Balikpapan Kota,,1,,300,,2024-09-19,test", header=TPS_HEADER),
        PollingStationImporter,
    )

    assert "every TPS belongs to a kelurahan" in report.problems[0].message


def test_staff_read_the_problems_in_indonesian(city):
    with translation.override("id"):
        report = imported(csv_rows("pilkada-2024,DPT,,Damaii,8000,,,,2024-09-19,test"))

    assert report.problems[0].message == "Kelurahan 'Damaii' tidak dikenal."
    assert report.problems[0].hint == "Maksud Anda 'Damai'?"


def test_empty_optional_cells_keep_the_stored_notes_and_links(city):
    stored = VoterCount.objects.get(list_stage="DPT", district=None, subdistrict=None)
    note, link = stored.note_ind, stored.source_url

    report = imported(csv_rows(f"pilkada-2024,DPT,,,{stored.total},,,,2024-09-19,Pleno DPT"))

    stored.refresh_from_db()
    assert report.applied
    assert [c.field for c in report.rows[0].changes] == ["source"]
    assert (stored.note_ind, stored.source_url, stored.source) == (note, link, "Pleno DPT")
    assert note and link
