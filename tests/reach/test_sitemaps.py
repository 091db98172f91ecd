"""The sitemap tells crawlers when each page last changed (issue 24): every address has a
``lastmod``, read from the history of what that page shows, so one kelurahan's new figure
does not make all 172 addresses look changed."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from announcements.models import Announcement, Category, Status
from elections.models import Election, Subdistrict, VoterCount
from tests.support.pages import VOTING_DAY, load_demo, sitemap_entries

pytestmark = pytest.mark.django_db

# When the demo "was entered", for these tests: long before voting day, 10:00 WITA.
ENTERED = datetime(2024, 10, 1, 2, 0, tzinfo=UTC)


def history_models():
    return [
        model for model in apps.get_models() if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


@pytest.fixture
def settled_demo(settings):
    """The demo as if entered on 1 October 2024 and untouched since, read on voting day."""
    settings.PORTAL_CLOCK = VOTING_DAY
    load_demo()
    for model in history_models():
        model.history.model.objects.update(history_date=ENTERED)


def add_dpt(subdistrict):
    """Staff enter one kelurahan's DPT (the demo has the city's and each kecamatan's only)."""
    VoterCount.objects.create(
        election=Election.objects.get(),
        subdistrict=Subdistrict.objects.get(slug=subdistrict),
        list_stage=VoterCount.ListStage.DPT,
        total=8000,
        source="Pleno KPU Kota Balikpapan",
        as_of=date(2024, 9, 19),
    )


def test_every_address_in_both_languages_says_when_it_last_changed(client, settled_demo):
    entries = sitemap_entries(client)

    assert len(entries) > 150
    assert [path for path, lastmod in entries.items() if not lastmod] == []


def test_a_new_figure_for_one_kelurahan_dates_its_pages_and_no_others(client, settled_demo):
    add_dpt("damai")
    today = timezone.localdate().isoformat()

    entries = sitemap_entries(client)

    for language in ("id", "en"):
        assert entries[f"/{language}/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/"] == today
        assert (
            entries[f"/{language}/pemilihan/pilkada-2024/pemilih/balikpapan-kota/"] == today
        )  # lists its kelurahan
        assert entries[f"/{language}/pemilihan/pilkada-2024/pemilih/"] == today
        assert (
            entries[f"/{language}/pemilihan/pilkada-2024/pemilih/balikpapan-kota/prapatan/"] == "2024-10-01"
        )
        assert (
            entries[f"/{language}/pemilihan/pilkada-2024/pemilih/balikpapan-timur/manggar/"] == "2024-10-01"
        )
        assert entries[f"/{language}/pemilihan/pilkada-2024/pemilih/balikpapan-timur/"] == "2024-10-01"
    assert entries["/id/pemilihan/pilkada-2024/calon/"] == "2024-10-01"
    assert entries["/id/cara-memilih/"] == "2024-10-01"


def test_a_corrected_kelurahan_record_dates_its_kecamatan_page_too(client, settled_demo):
    lamaru = Subdistrict.objects.get(slug="lamaru")
    lamaru.name = "Lamaru (diperbaiki)"
    lamaru.save()

    entries = sitemap_entries(client)

    assert (
        entries["/id/pemilihan/pilkada-2024/pemilih/balikpapan-timur/lamaru/"]
        == timezone.localdate().isoformat()
    )
    assert entries["/id/pemilihan/pilkada-2024/pemilih/balikpapan-timur/"] == timezone.localdate().isoformat()
    assert entries["/id/pemilihan/pilkada-2024/pemilih/balikpapan-utara/"] == "2024-10-01"


def test_the_schedule_and_home_change_when_a_stage_begins_even_without_an_edit(client, settled_demo):
    entries = sitemap_entries(client)

    # Voting day is a stage of its own: the pages that mark the current stage show it from 00:00.
    schedule = "/pemilihan/pilkada-2024/jadwal/"
    assert entries[f"/id{schedule}"] == entries[f"/en{schedule}"] == "2024-11-27"
    assert entries["/id/"] == "2024-11-27"
    assert entries["/id/calon/walikota-balikpapan-2024/"] == "2024-10-01"


def test_the_announcement_list_changes_with_a_publication_not_with_a_draft(client, settled_demo, committed):
    before = sitemap_entries(client)["/id/pengumuman/"]
    fields = {
        "title_ind": "Jam buka TPS",
        "summary_ind": "TPS buka pukul 07.00 WITA.",
        "category": Category.SCHEDULE,
    }
    with committed():
        Announcement(slug="draf-jam-buka", status=Status.DRAFT, **fields).save()
    draft_only = sitemap_entries(client)["/id/pengumuman/"]
    published_at = datetime.fromisoformat(VOTING_DAY) - timedelta(hours=1)
    with committed():
        Announcement(slug="jam-buka-tps", status=Status.PUBLISHED, publish_at=published_at, **fields).save()

    after = sitemap_entries(client)

    assert before == draft_only == "2024-10-13"  # the demo's latest announcement
    assert after["/id/pengumuman/"] == after["/id/pengumuman/jam-buka-tps/"] == "2024-11-27"
    assert after["/id/"] == "2024-11-27"


def test_the_sitemap_answers_with_its_newest_change_as_last_modified(client, demo):
    # Today, every section has items (on voting day the demo's only fact check was still to come,
    # and an empty section has no date to give).
    for model in history_models():
        model.history.model.objects.update(history_date=ENTERED)
    add_dpt("damai")

    response = client.get("/sitemap.xml")

    changed = datetime.strptime(response["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
    assert timezone.now() - changed < timedelta(minutes=5)
