"""Before staff enter anything: every address still answers, and says nothing is there yet.

Kept apart from the other modules, whose shared fictional world would fill the database.
"""

import pytest

from api.datasets import DATASETS

from .conftest import get_json

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("dataset", DATASETS)
def test_an_empty_dataset_is_an_empty_list_and_a_csv_with_only_its_header(client, dataset):
    page = get_json(client, f"/api/v1/{dataset}")
    csv = client.get(f"/api/v1/{dataset}.csv").content.decode()

    assert page["count"] == 0 and page["results"] == []
    assert len(csv.splitlines()) == 1


def test_the_index_has_no_last_update_for_empty_datasets(client):
    assert {dataset["last_update"] for dataset in get_json(client, "/api/v1")} == {None}


def test_the_open_data_page_says_when_a_dataset_has_no_update_yet(client):
    html = client.get("/en/data/").content.decode()

    assert html.count("not yet available") == len(DATASETS)
