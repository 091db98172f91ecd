"""The site-wide activity log (portal/activity.py): who changed what, for Administrators."""

import re
from datetime import date, datetime, time
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from announcements.models import Announcement, FactCheck, Status
from elections.models import Election

pytestmark = pytest.mark.django_db

PASSWORD = "pilkada-rahasia-2024"
URL = "/admin/activity/"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def staff_in(django_user_model, role, username, **names):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True, **names)
    user.groups.add(Group.objects.get(name=role))
    # Setting up the people is not the activity these tests read (accounts: test_accounts.py).
    django_user_model.history.filter(username=username).delete()
    return user


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def write(model, user=None, when=None, reason=None, **fields):
    """Create a row as ``user`` at ``when``, the way the admin or a command would."""
    item = model(**fields)
    if user is not None:
        item._history_user = user
    if when is not None:
        item._history_date = when
    if reason:
        item._change_reason = reason
    item.save()
    return item


def announcement(user=None, when=None, number=1, **extra):
    return write(
        Announcement,
        user,
        when,
        slug=f"pengumuman-{number}",
        title_ind=f"Pengumuman {number}",
        summary_ind="Ringkasan",
        status=Status.DRAFT,
        **extra,
    )


def rows(html):
    return re.findall(r"<tr>\s*<td><time.*?</tr>", html, re.S)


@pytest.fixture
def administrator(django_user_model):
    return staff_in(django_user_model, "Administrator", "admin-kota")


@pytest.fixture
def siti(django_user_model):
    return staff_in(django_user_model, "Editor", "siti", first_name="Siti", last_name="Rahma")


# Permission --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("Editor", 403), ("Publisher (Verifikator)", 403)])
def test_editors_and_publishers_are_refused(client, django_user_model, role, status):
    client.force_login(staff_in(django_user_model, role, "petugas"))

    assert client.get(URL).status_code == status


def test_administrators_and_superusers_read_it(client, administrator, admin_client):
    client.force_login(administrator)

    assert client.get(URL).status_code == 200
    assert admin_client.get(URL).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dashboard_links_it_for_administrators_only(client, administrator, siti):
    client.force_login(administrator)
    for_administrator = client.get(reverse("admin:index")).content.decode()
    client.force_login(siti)
    for_editor = client.get(reverse("admin:index")).content.decode()

    assert f'href="{URL}"' in for_administrator
    assert f'href="{URL}"' not in for_editor


def test_granting_the_permission_again_changes_nothing(administrator):
    grant = import_module("staff.migrations.0003_activity_log_permission").grant

    grant(apps, None)
    grant(apps, None)

    group = Group.objects.get(name="Administrator")
    assert group.permissions.filter(codename="view_logentry").count() == 1
    assert not Group.objects.get(name="Editor").permissions.filter(codename="view_logentry").exists()


# What it shows -----------------------------------------------------------------------------------


def test_it_lists_every_kind_of_content_newest_first_with_who_what_and_why(client, administrator, siti):
    election = write(
        Election,
        None,
        at(date(2024, 10, 1)),
        slug="pilkada-2024",
        name_ind="Pilkada 2024",
        voting_day=date(2024, 11, 27),
    )
    item = announcement(siti, at(date(2024, 10, 2)))
    item.title_ind = "Pengumuman diperbaiki"
    item._history_user = siti
    item._history_date = at(date(2024, 10, 3))
    item._change_reason = "Judul diperbaiki"
    item.save()
    client.force_login(administrator)

    html = client.get(URL).content.decode()
    found = rows(html)

    assert len(found) == 3
    newest, middle, oldest = found
    assert "Siti Rahma" in newest and "Diubah" in newest and "Judul diperbaiki" in newest
    assert "Pengumuman diperbaiki" in newest
    assert reverse("admin:announcements_announcement_change", args=[item.pk]) in newest
    assert "Dibuat" in middle
    assert "sistem (impor atau perintah)" in oldest and "Pilkada 2024" in oldest
    assert reverse("admin:elections_election_change", args=[election.pk]) in oldest
    assert "None" not in html


def test_a_deleted_item_links_to_its_history(client, administrator, siti):
    item = announcement(siti)
    pk = item.pk
    item.delete()
    client.force_login(administrator)

    newest = rows(client.get(URL).content.decode())[0]

    assert "Dihapus" in newest
    assert reverse("admin:announcements_announcement_history", args=[pk]) in newest


def test_filter_by_person_including_the_system(client, administrator, siti):
    announcement(siti, number=1)
    announcement(None, number=2)
    client.force_login(administrator)

    by_siti = rows(client.get(URL, {"person": siti.pk}).content.decode())
    by_system = rows(client.get(URL, {"person": "sistem"}).content.decode())

    assert len(by_siti) == 1 and "Pengumuman 1" in by_siti[0]
    assert len(by_system) == 1 and "Pengumuman 2" in by_system[0]


def test_filter_by_kind_of_content(client, administrator, siti):
    announcement(siti)
    write(
        FactCheck,
        siti,
        slug="cek",
        title_ind="Cek fakta satu",
        claim_ind="Klaim",
        explanation_ind="Penjelasan",
        verdict="hoaks",
    )
    client.force_login(administrator)

    found = rows(client.get(URL, {"kind": "announcements.factcheck"}).content.decode())

    assert len(found) == 1 and "Cek fakta satu" in found[0]


def test_filter_by_dates_in_wita(client, administrator, siti):
    announcement(siti, at(date(2024, 10, 1), hour=23), number=1)
    announcement(siti, at(date(2024, 10, 2), hour=0), number=2)
    announcement(siti, at(date(2024, 10, 5)), number=3)
    client.force_login(administrator)

    first_two_days = rows(
        client.get(URL, {"date_from": "2024-10-01", "date_to": "2024-10-02"}).content.decode()
    )
    from_the_second = rows(client.get(URL, {"date_from": "2024-10-02"}).content.decode())

    assert [("Pengumuman 2" in row, "Pengumuman 1" in row) for row in first_two_days] == [
        (True, False),
        (False, True),
    ]
    assert len(from_the_second) == 2 and "Pengumuman 1" not in "".join(from_the_second)


def test_a_reversed_date_range_is_explained_and_filters_nothing(client, administrator, siti):
    announcement(siti)
    client.force_login(administrator)

    html = client.get(URL, {"date_from": "2024-10-05", "date_to": "2024-10-01"}).content.decode()

    assert "sebelum tanggal awal" in html
    assert len(rows(html)) == 1


def test_pages_keep_the_filters(client, administrator, siti, settings):
    for number in range(55):
        announcement(siti, number=number)
    client.force_login(administrator)

    html = client.get(URL, {"person": siti.pk}).content.decode()
    second = client.get(URL, {"person": siti.pk, "p": 2}).content.decode()

    assert len(rows(html)) == 50
    assert f"?person={siti.pk}&amp;p=2" in html
    assert len(rows(second)) == 5


# Sign-in and session (6: session, user, two-factor device twice, two permission lists), the log
# (3: people for the filter, the count, the page) and the session refresh (3).
QUERIES_PER_PAGE = 12


def test_a_page_costs_the_same_queries_however_many_rows_and_kinds(
    client, administrator, siti, django_assert_num_queries
):
    client.force_login(administrator)
    announcement(siti, number=0)
    client.get(URL)  # content types and translations are cached after the first request
    with django_assert_num_queries(QUERIES_PER_PAGE):
        client.get(URL)
    for number in range(1, 30):
        announcement(siti, number=number)
        write(
            FactCheck,
            None,
            slug=f"cek-{number}",
            title_ind="Cek",
            claim_ind="K",
            explanation_ind="P",
            verdict="hoaks",
        )
    write(Election, siti, slug="pilkada-2024", name_ind="Pilkada 2024", voting_day=date(2024, 11, 27))

    with django_assert_num_queries(QUERIES_PER_PAGE):
        response = client.get(URL, {"date_from": "2000-01-01", "person": siti.pk})
    with django_assert_num_queries(QUERIES_PER_PAGE):
        full = client.get(URL)

    assert len(rows(response.content.decode())) == 31
    assert len(rows(full.content.decode())) == 50
