"""Separation of duties (portal/roles.py, portal/admin.py), attacked through the real admin URLs.

An Administrator manages editors and publishers only: they cannot make anyone (themselves
included) a superuser or an Administrator, give a permission they do not hold, change what a
group may do, or touch a superuser's or another Administrator's account. Each refusal holds
against a forged POST, not only in the form shown.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.admin_forms import form_values
from tests.support.staff import ADMINISTRATOR, EDITOR, PASSWORD, PUBLISHER, confirmed_device, staff_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kata-sandi-baru-2024"
MULTIPLE = {"groups", "user_permissions"}


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def user_form(client, user, **changes):
    """The user's change form as the admin shows it to this client, with ``changes`` typed over."""
    page = client.get(change_url(user))
    assert page.status_code == 200
    values = form_values(page.content.decode(), "user_form")
    # A multiple choice with nothing chosen is not sent at all.
    values = {name: value for name, value in values.items() if value != "" or name not in MULTIPLE}
    return {**values, **changes}


@pytest.fixture
def administrator(client):
    user = staff_in(ADMINISTRATOR, "admin-kota")
    client.force_login(user)
    return user


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("kepala", password=PASSWORD)


def reloaded(user):
    return get_user_model().objects.get(pk=user.pk)


# The reported escalation -------------------------------------------------------------------------


def test_an_administrator_posting_is_superuser_on_their_own_form_is_refused(client, administrator):
    page = client.get(change_url(administrator)).content.decode()
    assert 'name="is_superuser"' not in page

    response = client.post(change_url(administrator), user_form(client, administrator, is_superuser="on"))

    assert response.status_code == 403
    assert not reloaded(administrator).is_superuser


def test_an_administrator_cannot_add_a_role_to_their_own_account(client, administrator):
    editor_role = Group.objects.get(name=EDITOR)

    response = client.post(
        change_url(administrator), user_form(client, administrator, groups=[editor_role.pk])
    )

    assert response.status_code == 403
    assert list(reloaded(administrator).groups.values_list("name", flat=True)) == [ADMINISTRATOR]


def test_an_administrator_still_changes_their_own_name(client, administrator):
    response = client.post(change_url(administrator), user_form(client, administrator, first_name="Rina"))

    assert response.status_code == 302
    assert reloaded(administrator).first_name == "Rina"


def test_an_administrator_cannot_make_an_editor_superuser(client, administrator):
    editor = staff_in(EDITOR, "siti")

    response = client.post(change_url(editor), user_form(client, editor, is_superuser="on"))

    assert response.status_code == 403
    assert not reloaded(editor).is_superuser


def test_an_administrator_cannot_create_a_superuser(client, administrator):
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "penyusup",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_superuser": "on",
        },
    )

    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="penyusup").exists()


# What an Administrator may give --------------------------------------------------------------------


def test_an_administrator_makes_an_editor_a_publisher(client, administrator):
    editor = staff_in(EDITOR, "siti")
    publisher_role = Group.objects.get(name=PUBLISHER)

    response = client.post(change_url(editor), user_form(client, editor, groups=[publisher_role.pk]))

    assert response.status_code == 302
    assert list(reloaded(editor).groups.values_list("name", flat=True)) == [PUBLISHER]


def test_an_administrator_cannot_make_an_editor_an_administrator(client, administrator):
    editor = staff_in(EDITOR, "siti")
    administrator_role = Group.objects.get(name=ADMINISTRATOR)
    page = client.get(change_url(editor)).content.decode()
    assert f'value="{administrator_role.pk}"' not in page.split('name="groups"')[1].split("</select>")[0]

    response = client.post(change_url(editor), user_form(client, editor, groups=[administrator_role.pk]))

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert list(reloaded(editor).groups.values_list("name", flat=True)) == [EDITOR]


@pytest.mark.parametrize(
    ("app_label", "codename"),
    [
        ("auth", "change_user"),  # held, but it manages accounts: not an editor's or publisher's
        ("announcements", "publish_announcement"),  # a publisher's, not held by the Administrator
    ],
)
def test_an_administrator_cannot_give_a_permission_beyond_the_content_roles_they_hold(
    client, administrator, app_label, codename
):
    editor = staff_in(EDITOR, "siti")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)

    response = client.post(change_url(editor), user_form(client, editor, user_permissions=[permission.pk]))

    assert response.status_code == 200
    assert not reloaded(editor).user_permissions.exists()


def test_an_administrator_may_give_a_reading_permission_they_hold(client, administrator):
    editor = staff_in(EDITOR, "siti")
    permission = Permission.objects.get(content_type__app_label="elections", codename="view_result")

    response = client.post(change_url(editor), user_form(client, editor, user_permissions=[permission.pk]))

    assert response.status_code == 302
    assert list(reloaded(editor).user_permissions.all()) == [permission]


# Accounts an Administrator may not touch ---------------------------------------------------------


def test_an_administrator_cannot_set_the_superusers_password(client, administrator, superuser):
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])

    response = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )

    assert response.status_code == 403
    assert reloaded(superuser).check_password(PASSWORD)


def test_an_administrator_sets_an_editors_password(client, administrator):
    editor = staff_in(EDITOR, "siti")
    url = reverse("admin:auth_user_password_change", args=[editor.pk])

    response = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )

    assert response.status_code == 302
    assert reloaded(editor).check_password(NEW_PASSWORD)


def test_ones_own_password_is_changed_only_with_the_current_one(client, administrator):
    url = reverse("admin:auth_user_password_change", args=[administrator.pk])

    response = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("admin:password_change")
    assert reloaded(administrator).check_password(PASSWORD)


def test_an_administrator_only_reads_a_superuser_or_another_administrator(client, administrator, superuser):
    colleague = staff_in(ADMINISTRATOR, "admin-dua")
    for account in (superuser, colleague):
        page = client.get(change_url(account))
        assert page.status_code == 200 and 'name="username"' not in page.content.decode()

        response = client.post(change_url(account), {"username": account.username, "is_active": ""})

        assert response.status_code == 403
        assert reloaded(account).is_active


def test_an_administrator_cannot_delete_a_superuser_even_in_bulk(client, administrator, superuser):
    editor = staff_in(EDITOR, "siti")

    single = client.post(reverse("admin:auth_user_delete", args=[superuser.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [superuser.pk, editor.pk], "post": "yes"},
    )

    assert single.status_code == 403
    assert bulk.status_code in (200, 403)
    assert get_user_model().objects.filter(pk=superuser.pk).exists()


def test_an_old_version_of_an_account_cannot_be_restored_over_it(client, administrator):
    editor = staff_in(EDITOR, "siti")
    version = editor.history.earliest()

    response = client.post(
        reverse("admin:auth_user_simple_history", args=[editor.pk, version.history_id]),
        user_form(client, editor, is_superuser="on"),
    )

    assert response.status_code == 403
    assert not reloaded(editor).is_superuser


# Groups and second factors ------------------------------------------------------------------------


def test_an_administrator_cannot_change_what_a_group_may_do(client, administrator):
    editor_role = Group.objects.get(name=EDITOR)
    before = set(editor_role.permissions.all())
    everything = list(Permission.objects.values_list("pk", flat=True))

    changed = client.post(
        reverse("admin:auth_group_change", args=[editor_role.pk]),
        {"name": EDITOR, "permissions": everything},
    )
    added = client.post(reverse("admin:auth_group_add"), {"name": "Semua", "permissions": everything})

    assert (changed.status_code, added.status_code) == (403, 403)
    assert set(editor_role.permissions.all()) == before
    assert not Group.objects.filter(name="Semua").exists()
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200


def test_the_administrator_role_no_longer_holds_what_only_a_superuser_does():
    held = {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=ADMINISTRATOR).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert not held & {"auth.change_group", "auth.add_group", "otp_totp.delete_totpdevice"}
    assert {"auth.change_user", "auth.view_group", "otp_totp.view_totpdevice"} <= held


def test_an_administrator_cannot_remove_or_add_someones_second_factor(client, administrator):
    editor = staff_in(EDITOR, "siti")
    device = confirmed_device(editor)

    removed = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    added = client.post(
        reverse("admin:otp_totp_totpdevice_add"),
        {"user": administrator.pk, "name": "x", "key": "3132333435363738393031323334353637383930"},
    )

    assert (removed.status_code, added.status_code) == (403, 403)
    assert list(TOTPDevice.objects.all()) == [device]


def test_a_superuser_still_grants_superuser_status_and_changes_groups(client, superuser):
    client.force_login(superuser)
    editor = staff_in(EDITOR, "siti")
    editor_role = Group.objects.get(name=EDITOR)
    view_user = Permission.objects.get(codename="view_user")

    made = client.post(change_url(editor), user_form(client, editor, is_superuser="on"))
    grouped = client.post(
        reverse("admin:auth_group_change", args=[editor_role.pk]),
        {
            "name": EDITOR,
            "permissions": [*editor_role.permissions.values_list("pk", flat=True), view_user.pk],
        },
    )

    assert (made.status_code, grouped.status_code) == (302, 302)
    assert reloaded(editor).is_superuser
    assert editor_role.permissions.filter(pk=view_user.pk).exists()
