"""The Frictionless Data Package: it describes every CSV, and the files validate against it with
the Frictionless tools (types, keys, foreign keys between areas, contests, pairs and results)."""

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from frictionless import Package, system

from api.datasets import DATASETS

from .conftest import get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpacked(client, world, tmp_path):
    response = client.get("/api/v1/datasets.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    return tmp_path


def validate(folder):
    with system.use_context(trusted=True):
        return Package(str(folder / "datapackage.json")).validate()


def test_the_package_describes_every_dataset_with_a_schema(client, world):
    package = get_json(client, "/api/v1/datapackage.json")

    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == list(DATASETS)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for key, resource in resources.items():
        assert resource["path"] == f"http://testserver/api/v1/{key}.csv"
        assert resource["schema"]["fields"] and resource["sources"] and resource["lastModified"]
        assert all(field["type"] != "any" for field in resource["schema"]["fields"])
    pairs = {field["name"]: field for field in resources["candidate-pairs"]["schema"]["fields"]}
    assert pairs["parties"]["type"] == "list" and pairs["parties"]["delimiter"] == "; "
    reference = {"fields": ["district"], "reference": {"resource": "districts", "fields": ["slug"]}}
    assert reference in resources["subdistricts"]["schema"]["foreignKeys"]


def test_the_zip_of_every_csv_validates_with_frictionless(unpacked):
    report = validate(unpacked)

    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
    assert sorted(path.name for path in unpacked.glob("*.csv")) == sorted(f"{key}.csv" for key in DATASETS)


def test_frictionless_catches_a_kelurahan_in_a_kecamatan_that_does_not_exist(unpacked):
    path = unpacked / "subdistricts.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",kecamatan-contoh-1,", ",tidak-ada,"), encoding="utf-8-sig")

    report = validate(unpacked)

    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_the_package_follows_the_language(client, world):
    package = get_json(client, "/api/v1/datapackage.json", lang="en")

    assert package["resources"][0]["path"].endswith("/api/v1/elections.csv?lang=en")
    assert package["resources"][0]["title"] == "Elections"


@pytest.mark.parametrize("key", ["districts", "results", "candidate-pairs"])
def test_each_csv_has_an_excel_file_beside_it_with_the_same_cells(client, world, key):
    rows = list(csv.reader(io.StringIO(client.get(f"/api/v1/{key}.csv").content.decode("utf-8-sig"))))
    response = client.get(f"/api/v1/{key}.xlsx")

    assert response["Content-Disposition"].endswith(f'{key}.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    cells = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == rows[0]
    assert len(cells) == len(rows)


def test_the_index_links_the_excel_files(client, world):
    datasets = get_json(client, "/api/v1")

    assert datasets[0]["xlsx_url"] == "http://testserver/api/v1/elections.xlsx"
    assert json.loads(client.get("/api/v1/datapackage.json").content)["name"] == "pilkada-balikpapan"
