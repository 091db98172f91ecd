"""When content last changed, from history tables in one query (core.changes)."""

import os
from datetime import UTC, datetime

import pytest

from core import changes
from elections.models import District, Subdistrict

pytestmark = pytest.mark.django_db

DAYS = {name: datetime(2024, 10, day, 2, 0, tzinfo=UTC) for day, name in enumerate(("utara", "timur"), 1)}


def dated(model, when, **filters):
    model.history.model.objects.filter(**filters).update(history_date=when)


def test_latest_gives_each_key_its_newest_date_across_tables_in_one_query(city, django_assert_num_queries):
    utara = District.objects.get(slug="balikpapan-utara")
    timur = District.objects.get(slug="balikpapan-timur")
    dated(District, DAYS["utara"])
    dated(Subdistrict, DAYS["utara"])
    dated(Subdistrict, DAYS["timur"], district_id=timur.pk)
    parts = [
        changes.history_part(District, "#", by="id"),
        changes.history_part(Subdistrict, "#", by="district_id"),
        changes.history_part(Subdistrict, "all"),
    ]

    with django_assert_num_queries(1):
        latest = changes.latest(parts)

    assert latest[f"#{utara.pk}"] == DAYS["utara"]
    assert latest[f"#{timur.pk}"] == DAYS["timur"]  # a kelurahan of it changed later than it
    assert latest["all"] == DAYS["timur"]


def test_a_part_can_follow_a_relation_of_the_history_rows(city):
    dated(Subdistrict, DAYS["utara"])
    dated(Subdistrict, DAYS["timur"], slug="lamaru")

    latest = changes.latest([changes.history_part(Subdistrict, "#", by="district__slug")])

    assert latest["#balikpapan-timur"] == DAYS["timur"]
    assert latest["#balikpapan-utara"] == DAYS["utara"]


def test_no_parts_and_no_history_give_no_dates(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert changes.latest([]) == {}
    assert changes.latest([changes.history_part(District, "all")]) == {}
    assert changes.newest(None, None) is None


def test_the_code_is_dated_by_its_newest_module_template_or_translation(settings, tmp_path):
    package, templates = tmp_path / "app", tmp_path / "templates"
    package.mkdir()
    templates.mkdir()
    for path, day in ((package / "__init__.py", 1), (package / "views.py", 2), (templates / "page.html", 5)):
        path.write_text("")
        stamp = datetime(2026, 11, day, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
    (tmp_path / "notes.txt").write_text("not code")
    settings.BASE_DIR = tmp_path
    changes.code_installed.cache_clear()
    try:
        assert changes.code_installed() == datetime(2026, 11, 5, tzinfo=UTC)
    finally:
        changes.code_installed.cache_clear()
