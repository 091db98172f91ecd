"""Staff accounts and roles: their history, their lines in the JSON log, and second factors
(portal/models.py, portal/audit.py, portal/admin.py, portal/twofactor.py)."""

import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.logs import JsonFormatter, RedactFilter
from tests.support.admin_forms import form_values
from tests.support.staff import (
    ADMINISTRATOR,
    EDITOR,
    PASSWORD,
    PUBLISHER,
    code,
    confirmed_device,
    sign_in,
    staff_in,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kata-sandi-baru-2024"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.fixture
def log_events(caplog):
    """The ``event`` lines the configured handler would write, redacted and as JSON."""
    caplog.set_level(logging.INFO)

    def events(name=None):
        redact, formatter = RedactFilter(), JsonFormatter()
        found = []
        for record in caplog.records:
            redact.filter(record)
            entry = json.loads(formatter.format(record))
            if "event" in entry and (name is None or entry["event"] == name):
                found.append(entry)
        return found

    return events


@pytest.fixture
def administrator(client):
    user = staff_in(ADMINISTRATOR, "admin-kota")
    client.force_login(user)
    return user


def change_form(client, user, **changes):
    page = client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    values = form_values(page, "user_form")
    values = {name: value for name, value in values.items() if value != ""}
    return {**values, **changes}


# History and log of account changes ---------------------------------------------------------------


def test_a_role_change_is_in_the_history_and_the_log_with_who_whom_and_what(
    client, administrator, log_events
):
    editor = staff_in(EDITOR, "siti")
    publisher_role = Group.objects.get(name=PUBLISHER)

    client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        change_form(client, editor, groups=[publisher_role.pk]),
        REMOTE_ADDR="10.2.3.4",
    )

    latest = editor.history.first()
    assert latest.history_user == administrator
    assert list(latest.groups.values_list("group__name", flat=True)) == [PUBLISHER]
    history = client.get(reverse("admin:auth_user_history", args=[editor.pk])).content.decode()
    assert "Publisher (Verifikator)" in history and "admin-kota" in history
    changed = [event for event in log_events("account.changed") if event["username"] == "admin-kota"]
    assert changed and changed[-1]["target"] == "siti" and changed[-1]["ip"] == "10.2.3.4"
    groups = {}
    for event in changed:
        for key, values in event["changes"].get("groups", {}).items():
            groups.setdefault(key, []).extend(values)
    assert groups == {"added": [PUBLISHER], "removed": [EDITOR]}


def test_a_password_set_by_an_administrator_is_recorded_without_the_hash(client, administrator, log_events):
    editor = staff_in(EDITOR, "siti")

    client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    latest = editor.history.first()
    assert (latest.history_user, latest.history_change_reason) == (administrator, "Kata sandi diatur")
    assert not hasattr(latest, "password")
    event = log_events("account.changed")[-1]
    assert (event["username"], event["target"], event["fields"]) == ("admin-kota", "siti", ["password"])
    editor.refresh_from_db()
    assert not any(editor.password in json.dumps(entry) for entry in log_events())


def test_a_superuser_grant_is_logged_with_old_and_new_status(client, log_events):
    superuser = get_user_model().objects.create_superuser("kepala", password=PASSWORD)
    client.force_login(superuser)
    editor = staff_in(EDITOR, "siti")

    client.post(
        reverse("admin:auth_user_change", args=[editor.pk]), change_form(client, editor, is_superuser="on")
    )

    event = log_events("account.changed")[-1]
    assert event["username"] == "kepala" and event["target"] == "siti"
    assert event["changes"]["is_superuser"] == {"old": False, "new": True}


def test_a_change_to_what_a_group_may_do_is_in_its_history_and_the_log(client, log_events):
    superuser = get_user_model().objects.create_superuser("kepala", password=PASSWORD)
    client.force_login(superuser)
    role = Group.objects.get(name=EDITOR)
    view_user = Permission.objects.get(codename="view_user")

    client.post(
        reverse("admin:auth_group_change", args=[role.pk]),
        {"name": EDITOR, "permissions": [*role.permissions.values_list("pk", flat=True), view_user.pk]},
    )

    assert role.history.first().history_user == superuser
    added = [
        permission
        for event in log_events("group.changed")
        for permission in event["changes"].get("permissions", {}).get("added", [])
    ]
    assert added == ["auth.view_user"]
    assert log_events("group.changed")[-1]["target"] == EDITOR


def test_signing_in_leaves_no_record_in_the_account_history(client):
    editor = staff_in(EDITOR, "siti")
    before = editor.history.count()

    assert sign_in(client, "siti", PASSWORD).status_code == 302

    assert editor.history.count() == before


def test_account_changes_appear_in_the_activity_log(client, administrator):
    editor = staff_in(EDITOR, "siti")
    client.post(
        reverse("admin:auth_user_change", args=[editor.pk]), change_form(client, editor, first_name="Siti")
    )

    html = client.get(reverse("admin:activity-log"), {"kind": "auth.user"}).content.decode()

    found = re.findall(r"<tr>\s*<td><time.*?</tr>", html, re.S)
    change_url = reverse("admin:auth_user_change", args=[editor.pk])
    assert any(change_url in row and "admin-kota" in row and ">siti<" in row for row in found), found


def test_a_forged_privilege_field_is_logged_as_refused(client, administrator, log_events):
    client.post(
        reverse("admin:auth_user_change", args=[administrator.pk]),
        change_form(client, administrator, is_superuser="on"),
    )

    refused = log_events("account.refused")
    assert refused and refused[0]["username"] == "admin-kota" and refused[0]["fields"] == ["is_superuser"]
    assert refused[0]["level"] == "WARNING"


# Second factors ---------------------------------------------------------------------------------------


def test_the_device_admin_never_shows_a_secret(client, administrator):
    device = confirmed_device(staff_in(EDITOR, "siti"))

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))
    qrcode = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))

    assert device.key not in page and "siti" in page
    assert (config.status_code, qrcode.status_code) == (403, 403)


def test_a_superuser_resets_a_lost_second_factor_and_it_is_logged(client, log_events):
    superuser = get_user_model().objects.create_superuser("kepala", password=PASSWORD)
    client.force_login(superuser)
    device = confirmed_device(staff_in(EDITOR, "siti"))

    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
    event = log_events("twofactor.reset")[0]
    assert (event["username"], event["target"]) == ("kepala", "siti")


def test_enrolling_needs_the_own_password_and_is_logged(client, settings, log_events):
    settings.PORTAL_REQUIRE_2FA = True
    staff_in(EDITOR, "siti")
    sign_in(client, "siti", PASSWORD)
    client.get(reverse("admin:two-factor"))
    device = TOTPDevice.objects.get(user__username="siti")

    wrong = client.post(reverse("admin:two-factor"), {"password": "bukan-sandinya", "token": code(device)})
    assert wrong.status_code == 200 and "Itu bukan kata sandi Anda." in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    right = client.post(reverse("admin:two-factor"), {"password": PASSWORD, "token": code(device)})

    assert right.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert [(e["username"], e["target"]) for e in log_events("twofactor.enrolled")] == [("siti", "siti")]


def test_staff_replace_their_own_app_with_their_password_and_the_old_one_stops(client, log_events):
    editor = staff_in(EDITOR, "siti")
    old = confirmed_device(editor)
    assert sign_in(client, "siti", PASSWORD, otp_token=code(old)).status_code == 302

    page = client.get(reverse("admin:two-factor"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    new = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(reverse("admin:two-factor"), {"password": PASSWORD, "token": code(new)})

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=editor)) == [new]
    assert TOTPDevice.objects.get(pk=new.pk).confirmed
    assert [e["target"] for e in log_events("twofactor.replaced")] == ["siti"]


def test_a_session_without_the_code_cannot_replace_the_app(client):
    editor = staff_in(EDITOR, "siti")
    device = confirmed_device(editor)
    client.force_login(editor)  # password only, as a stolen half-finished sign-in would be

    response = client.get(reverse("admin:two-factor"))

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=editor)) == [device]


def test_a_wrong_code_at_set_up_is_logged(client, settings, log_events):
    settings.PORTAL_REQUIRE_2FA = True
    staff_in(EDITOR, "siti")
    sign_in(client, "siti", PASSWORD)
    client.get(reverse("admin:two-factor"))

    client.post(reverse("admin:two-factor"), {"password": PASSWORD, "token": "000000"})

    refused = log_events("twofactor.code_refused")
    assert refused and refused[0]["target"] == "siti" and refused[0]["level"] == "WARNING"
    assert not any("000000" in json.dumps(entry) for entry in log_events())
