"""Staff roles handle reader reports (see README, "Staff roles").

Editors and publishers read reports and answer or close them (the fix itself follows each role's
own rights on the content); publishers may also delete one, e.g. abuse. Administrators read them.
Nobody adds a report in the admin: they come from readers. Running this again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Editor": ["view_report", "change_report"],
    "Publisher (Verifikator)": ["view_report", "change_report", "delete_report"],
    "Administrator": ["view_report"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="feedback", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="feedback")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("portal", "0003_activity_log_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
