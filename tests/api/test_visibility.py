"""Drafts, items in review and scheduled items never leave the API, whatever is asked."""

import csv
import io

import pytest

from announcements.models import Status

from .conftest import SOON, get_json

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "review", "scheduled"]
ASKS = [{}, {"lang": "en"}, {"limit": "100"}, {"election": "pilkada-contoh"}, {"category": "umum"}]


def slugs_in(items):
    return {item["slug"] for item in items}


@pytest.mark.parametrize("params", ASKS)
def test_unpublished_announcements_are_absent_from_lists(client, unpublished, params):
    listed = slugs_in(get_json(client, "/api/v1/announcements", **params)["results"])

    assert listed and not listed & {unpublished[f"announcement-{name}"].slug for name in HIDDEN}


@pytest.mark.parametrize("params", [{}, {"lang": "en"}, {"verdict": "hoaks"}])
def test_unpublished_fact_checks_are_absent_from_lists(client, unpublished, params):
    listed = slugs_in(get_json(client, "/api/v1/fact-checks", **params)["results"])

    assert listed and not listed & {unpublished[f"fact-check-{name}"].slug for name in HIDDEN}


@pytest.mark.parametrize("name", HIDDEN)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_unpublished_details_answer_404(client, unpublished, name, lang):
    for kind in ("announcements", "fact-checks"):
        item = unpublished[f"{kind.removesuffix('s')}-{name}"]
        response = client.get(f"/api/v1/{kind}/{item.slug}", {"lang": lang})
        assert response.status_code == 404
        assert item.slug not in response.content.decode()


@pytest.mark.parametrize("kind", ["announcements", "fact-checks"])
def test_unpublished_items_are_absent_from_csv_files(client, unpublished, kind):
    for params in ({}, {"lang": "en"}):
        text = client.get(f"/api/v1/{kind}.csv", params).content.decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows
        for name in HIDDEN:
            assert unpublished[f"{kind.removesuffix('s')}-{name}"].slug not in text


def test_attachments_of_unpublished_announcements_are_never_linked(client, unpublished):
    everything = client.get("/api/v1/announcements.csv").content.decode()
    listed = get_json(client, "/api/v1/announcements")["results"]

    hidden_ids = {a.pk for name in HIDDEN for a in unpublished[f"announcement-{name}"].attachments.all()}
    linked = [a["url"] for item in listed for a in item["attachments"]]
    assert linked and not any(
        url.rstrip("/").endswith(f"/lampiran/{pk}") for url in linked for pk in hidden_ids
    )
    assert "rahasia" not in everything


def test_a_scheduled_item_appears_once_its_time_has_come(client, unpublished, settings):
    scheduled = unpublished["announcement-scheduled"]
    assert client.get(f"/api/v1/announcements/{scheduled.slug}").status_code == 404

    settings.PORTAL_CLOCK = (SOON.replace(minute=1)).isoformat()

    assert get_json(client, f"/api/v1/announcements/{scheduled.slug}")["slug"] == scheduled.slug


def test_the_last_update_of_announcements_ignores_unpublished_work(client, world):
    before = {d["key"]: d["last_update"] for d in get_json(client, "/api/v1")}["announcements"]

    from .conftest import make_announcement

    make_announcement(slug="draf-baru", status=Status.DRAFT, publish_at=None)
    make_announcement(slug="terjadwal-baru", status=Status.PUBLISHED, publish_at=SOON)

    after = {d["key"]: d["last_update"] for d in get_json(client, "/api/v1")}["announcements"]
    assert after == before


def test_renaming_a_kecamatan_moves_the_last_update_of_every_dataset_that_shows_it(client, world, committed):
    from datetime import timedelta

    from elections.models import District

    before = {d["key"]: d["last_update"] for d in get_json(client, "/api/v1")}
    district = District.objects.order_by("pk").first()
    district.name = "Kecamatan Contoh Baru"
    with committed():
        district.save()
        # An hour later than everything else, so the change shows whatever the clock's resolution.
        renamed = district.history.latest()
        District.history.filter(pk=renamed.pk).update(history_date=renamed.history_date + timedelta(hours=1))

    after = {d["key"]: d["last_update"] for d in get_json(client, "/api/v1")}
    moved = {key for key in after if after[key] != before[key]}
    assert moved == {"districts", "polling-stations", "voter-counts", "results"}
