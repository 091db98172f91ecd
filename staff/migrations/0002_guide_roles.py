"""The voter guide and glossary join the roles: editors read them, publishers maintain them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
PUBLISHER = "Publisher (Verifikator)"
ADMINISTRATOR = "Administrator"
MODELS = ["section", "term"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("guide")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(actions):
        codenames = [f"{action}_{model}" for model in MODELS for action in actions]
        return Permission.objects.filter(content_type__app_label="guide", codename__in=codenames)

    for name, actions in (
        (EDITOR, ["view"]),
        (ADMINISTRATOR, ["view"]),
        (PUBLISHER, ["view", "add", "change", "delete"]),
    ):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions(actions))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_staff_roles"), ("guide", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
