"""Separation of duties: the Administrator role no longer holds what only a superuser may do.

Changing what a group may do and adding, changing or deleting someone's second factor are a
superuser's (portal/roles.py; the admin enforces it whatever a group holds). Administrators keep
reading groups and second factors, and managing the accounts of editors and publishers.
"""

from django.db import migrations

ADMINISTRATOR = "Administrator"
SUPERUSER_ONLY = {
    ("auth", "add_group"),
    ("auth", "change_group"),
    ("auth", "delete_group"),
    ("otp_totp", "add_totpdevice"),
    ("otp_totp", "change_totpdevice"),
    ("otp_totp", "delete_totpdevice"),
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in SUPERUSER_ONLY
    ]


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_account_history"), ("otp_totp", "0003_add_timestamps")]

    operations = [migrations.RunPython(revoke, grant)]
