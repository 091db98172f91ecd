"""Administrators read the site-wide activity log (portal/activity.py).

The log is guarded by Django's own "can view log entry" permission (``admin.view_logentry``): it
is the admin's change log, widened to every history record. Editors and publishers do not get it.
Running this again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Administrator"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("admin")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="admin", codename="view_logentry").first()
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group is not None and permission is not None:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    permission = Permission.objects.filter(content_type__app_label="admin", codename="view_logentry").first()
    if group is not None and permission is not None:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_guide_roles"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
