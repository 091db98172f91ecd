"""History screens staff can read (staff.admin_history): no "None", values in words, dates in
WITA, and reverts recorded with what they restored."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from simple_history.admin import SimpleHistoryAdmin

from announcements.models import Announcement
from elections.models import Stage
from staff.admin_history import ReadableHistoryMixin, moment_label
from tests.support.admin_forms import form_values

pytestmark = pytest.mark.django_db

PASSWORD = "pilkada-rahasia-2024"
PUBLISHER = "Publisher (Verifikator)"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def publisher(django_user_model, username, **names):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True, **names)
    user.groups.add(Group.objects.get(name=PUBLISHER))
    return user


def change_table(html):
    """The history table only: the rest of the admin page is not the history's business."""
    return re.search(r'<table id="change-history".*?</table>', html, re.S).group(0)


def save_through_admin(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_values(client.get(url).content.decode(), f"{obj._meta.model_name}_form")
    response = client.post(url, {**data, **changes, "_save": "Simpan"})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_every_history_screen_in_the_admin_is_readable_and_records_reverts():
    history_admins = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]

    assert len(history_admins) >= 10
    assert all(isinstance(model_admin, ReadableHistoryMixin) for model_admin in history_admins)


def test_history_of_an_item_from_load_demo_changed_by_a_user_shows_no_none(client, demo, django_user_model):
    announcement = Announcement.objects.filter(stage__isnull=True, pinned=False).first()
    stage = Stage.objects.order_by("order").first()
    client.force_login(publisher(django_user_model, "siti", first_name="Siti", last_name="Rahma"))
    save_through_admin(client, announcement, pinned="on", stage=stage.pk)

    html = client.get(reverse("admin:announcements_announcement_history", args=[announcement.pk])).content
    table = change_table(html.decode())

    assert not re.search(r"\bNone\b", table)
    assert "sistem (impor atau perintah)" in table  # the record load_demo wrote
    assert "Siti Rahma" in table
    assert re.search(r"tidak\s*&nbsp;&rarr;&nbsp;&nbsp;ya", table)
    assert re.search(rf"\(kosong\)\s*&nbsp;&rarr;&nbsp;&nbsp;{re.escape(stage.name)}", table)
    assert "(WITA)" in table
    assert "Terakhir disimpan" not in table and "HTML" not in table  # copies of other fields stay out


def test_history_dates_are_in_wita_and_in_the_staff_language(admin_client, demo):
    stage = Stage.objects.order_by("order").first()
    record = stage.history.first()

    html = admin_client.get(reverse("admin:elections_stage_history", args=[stage.pk])).content.decode()

    assert moment_label(record.history_date).removesuffix(" WITA") in change_table(html)


def test_a_revert_records_the_version_it_restored_with_who_and_when(client, demo, django_user_model):
    stage = Stage.objects.order_by("order").first()
    client.force_login(publisher(django_user_model, "ani", first_name="Ani", last_name="Lestari"))
    save_through_admin(client, stage, name_ind="Nama tahap versi Ani")
    version = stage.history.first()
    restorer = publisher(django_user_model, "budi")
    client.force_login(restorer)
    save_through_admin(client, stage, name_ind="Nama tahap yang keliru")

    url = reverse("admin:elections_stage_simple_history", args=[stage.pk, version.history_id])
    data = form_values(client.get(url).content.decode(), "historicalstage_form")
    response = client.post(url, {**data, "_save": "Simpan"})

    assert response.status_code == 302
    stage.refresh_from_db()
    latest = stage.history.first()
    assert stage.name_ind == "Nama tahap versi Ani"
    assert latest.history_user == restorer
    assert latest.history_change_reason == (
        f"Dipulihkan dari versi {moment_label(version.history_date)} (Ani Lestari)"
    )
    history = client.get(reverse("admin:elections_stage_history", args=[stage.pk])).content.decode()
    assert "Dipulihkan dari versi" in change_table(history) and "budi" in change_table(history)


def test_a_revert_of_a_version_made_by_load_demo_names_the_system(admin_client, demo):
    stage = Stage.objects.order_by("order").first()
    version = stage.history.first()
    save_through_admin(admin_client, stage, name_ind="Nama sementara")

    url = reverse("admin:elections_stage_simple_history", args=[stage.pk, version.history_id])
    data = form_values(admin_client.get(url).content.decode(), "historicalstage_form")
    admin_client.post(url, {**data, "_save": "Simpan"})

    reason = stage.history.first().history_change_reason
    assert reason.startswith("Dipulihkan dari versi ") and reason.endswith("(sistem (impor atau perintah))")


def test_choices_and_dates_read_as_words(admin_client, demo):
    stage = Stage.objects.filter(phase=Stage.Phase.IMPLEMENTATION).order_by("order").first()
    stage.phase = Stage.Phase.PREPARATION
    stage.end = stage.start.replace(year=2030, month=1, day=2)
    stage.save()

    html = admin_client.get(reverse("admin:elections_stage_history", args=[stage.pk])).content.decode()
    table = change_table(html)

    before, after = str(Stage.Phase.IMPLEMENTATION.label), str(Stage.Phase.PREPARATION.label)
    assert re.search(rf"{before}\s*&nbsp;&rarr;&nbsp;&nbsp;{after}", table)
    assert "2 Januari 2030" in table and "2030-01-02" not in table
