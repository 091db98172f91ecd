"""The open-data page, the API reference, the footer links, the sitemap and "Download data" links."""

import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from api.datasets import DATASETS
from tests.announcements.conftest import active_content

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert active_content(html) == []
    return html


@pytest.mark.parametrize(("lang", "suffix"), [("id", ""), ("en", "?lang=en")])
def test_the_open_data_page_lists_every_dataset_with_licence_source_update_and_links(
    client, world, lang, suffix
):
    html = page(client, f"/{lang}/data/")

    assert f'<html lang="{lang}">' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener"' in html
    with translation.override(lang):
        for key, dataset in DATASETS.items():
            assert str(dataset.title) in html
            assert str(dataset.source).replace("'", "&#x27;") in html
            assert f'href="/api/v1/{key}.csv{suffix}" download' in html
            assert f'href="/api/v1/{key}{suffix}" type="application/json"' in html
    assert html.count("WITA</time>") == len(DATASETS)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_api_reference_shows_every_address_of_the_openapi_document(client, world, lang):
    document = json.loads(client.get("/api/openapi.json").content)

    html = page(client, f"/{lang}/data/api/")

    for path in document["paths"]:
        assert f"<code>GET {path}</code>" in html
    for name in (
        "ElectionOut",
        "PollingStationOut",
        "VoterCountOut",
        "ResultOut",
        "CandidatePairOut",
        "PhotoOut",
    ):
        assert f'id="type-{name}"' in html
    assert 'href="/api/openapi.json"' in html
    assert '<td lang="en">Items per page, 1 to 100 (default 50).</td>' in html


def test_the_api_reference_is_in_the_readers_language(client, world):
    indonesian = page(client, "/id/data/api/")
    english = page(client, "/en/data/api/")

    assert '<h2 id="ds-voter-counts">Jumlah pemilih</h2>' in indonesian
    assert '<h2 id="ds-voter-counts">Voter counts</h2>' in english


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_footer_links_the_open_data_page_and_the_api_reference(client, world, lang):
    html = client.get(f"/{lang}/").content.decode()

    footer = html.split('<footer class="site-footer">')[1]
    assert f'href="/{lang}/data/"' in footer
    assert f'href="/{lang}/data/api/"' in footer


def test_the_sitemap_lists_both_pages_in_both_languages(client, world):
    sitemap = client.get("/sitemap.xml").content.decode()

    for url in ("/id/data/", "/en/data/", "/id/data/api/", "/en/data/api/"):
        assert f"<loc>http://testserver{url}</loc>" in sitemap


def test_download_links_point_at_the_files_in_the_readers_language_without_a_query(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        with translation.override("en"):
            english = render_to_string(
                "api/includes/_download_links.html",
                {"datasets": "voter-counts, polling-stations", "query": "district=balikpapan-utara"},
            )
        with translation.override("id"):
            indonesian = render_to_string("api/includes/_download_links.html", {"datasets": "results"})

    assert 'href="/api/v1/voter-counts.csv?district=balikpapan-utara&amp;lang=en" download' in english
    assert 'href="/api/v1/polling-stations?district=balikpapan-utara&amp;lang=en"' in english
    assert "Download data" in english and 'href="/en/data/"' in english
    assert 'href="/api/v1/results.csv" download' in indonesian and 'href="/id/data/"' in indonesian
    assert active_content(english) == []


def test_download_links_without_datasets_render_nothing():
    assert render_to_string("api/includes/_download_links.html", {}).strip() == ""


def test_download_links_to_an_unknown_dataset_fail_loudly():
    with pytest.raises(KeyError):
        render_to_string("api/includes/_download_links.html", {"datasets": "tidak-ada"})


def test_every_link_within_the_api_reference_has_a_target(client, world):
    html = page(client, "/en/data/api/")

    targets = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= targets
    assert len(re.findall(r'id="([^"]+)"', html)) == len(targets), "ids must be unique"


def ld_json(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])


def test_the_open_data_page_is_a_data_catalog_for_dataset_search(client, world):
    catalog = ld_json(page(client, "/en/data/"))

    assert catalog["@type"] == "DataCatalog" and catalog["license"].startswith("https://creativecommons.org/")
    assert [dataset["name"] for dataset in catalog["dataset"]][:2] == ["Elections", "Contests"]
    districts = next(item for item in catalog["dataset"] if item["url"].endswith("/api/v1/districts?lang=en"))
    assert {d["encodingFormat"] for d in districts["distribution"]} == {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert {"@type": "PropertyValue", "propertyID": "Kemendagri", "value": "64.71"} in districts[
        "spatialCoverage"
    ]["identifier"]


def test_the_open_data_page_documents_the_package_the_codes_the_filters_and_the_subscription(client, world):
    html = page(client, "/id/data/")

    assert 'href="/api/v1/datapackage.json"' in html and 'href="/api/v1/datasets.zip"' in html
    assert "64.71" in html and "6471" in html and "bps_code" in html
    assert "modified_since" in html and "If-None-Match" in html
    assert 'href="webcal://testserver/id/jadwal/kalender.ics"' in html
    assert 'href="/api/v1/districts.xlsx"' in html
