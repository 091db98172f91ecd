"""The three staff roles, so every environment has them (see README, "Staff roles").

- Editor: writes announcements and fact checks and submits them for review; reads everything
  else. Cannot publish, delete, change figures or manage users.
- Publisher (Verifikator): everything an editor can, plus publish, schedule and unpublish, and
  maintain the schedule, areas, TPS, voter counts, results and candidate pairs (imports included).
- Administrator: manages staff accounts, roles and login lockouts; reads content.

The lists are frozen here on purpose: a later change to the roles is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
PUBLISHER = "Publisher (Verifikator)"
ADMINISTRATOR = "Administrator"

CONTENT_MODELS = {
    "announcements": ["announcement", "attachment", "factcheck"],
    "candidates": ["party", "theme", "candidatepair", "candidate", "programme", "pairdocument"],
    "elections": [
        "election",
        "contest",
        "stage",
        "district",
        "subdistrict",
        "pollingstation",
        "votercount",
        "result",
        "resultvote",
    ],
}
WORKFLOW_MODELS = {"announcements": ["announcement", "attachment", "factcheck"]}


def _codenames(models, actions):
    return {
        (app, f"{action}_{model}") for app, names in models.items() for model in names for action in actions
    }


def role_permissions():
    read_all = _codenames(CONTENT_MODELS, ["view"])
    editor = read_all | _codenames(WORKFLOW_MODELS, ["add", "change"])
    publisher = (
        read_all
        | _codenames(CONTENT_MODELS, ["add", "change", "delete"])
        | {
            ("announcements", "publish_announcement"),
            ("announcements", "publish_factcheck"),
            ("elections", "import_votercount"),
            ("elections", "import_pollingstation"),
        }
    )
    administrator = read_all | _codenames(
        {
            "auth": ["user", "group"],
            "axes": ["accessattempt", "accessfailurelog", "accesslog"],
            "otp_totp": ["totpdevice"],
        },
        ["view", "add", "change", "delete"],
    )
    return {EDITOR: editor, PUBLISHER: publisher, ADMINISTRATOR: administrator}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, PUBLISHER, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("announcements", "0002_initial"),
        ("candidates", "0002_initial"),
        ("elections", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
