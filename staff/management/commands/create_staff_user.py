"""Create a staff account in one of the three roles, from the command line."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ROLES = {"editor": "Editor", "publisher": "Publisher (Verifikator)", "administrator": "Administrator"}


class Command(BaseCommand):
    help = (
        "Create a staff user in a role (editor, publisher or administrator). The password comes "
        "from PORTAL_NEW_STAFF_PASSWORD or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    @transaction.atomic
    def handle(self, *args, username, role, email, first_name, last_name, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named '{username}' already exists; change their role in the admin.")
        group = Group.objects.filter(name=ROLES[role]).first()
        if group is None:
            raise CommandError(f"The role '{ROLES[role]}' is missing; run `manage.py migrate` first.")
        given = os.environ.get("PORTAL_NEW_STAFF_PASSWORD")
        password = given or secrets.token_urlsafe(12)
        user = User(username=username, email=email, first_name=first_name, last_name=last_name, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "PORTAL_NEW_STAFF_PASSWORD is too weak: " + " ".join(error.messages)
            ) from error
        user.set_password(password)
        user.save()
        user.groups.add(group)
        shown = "(from PORTAL_NEW_STAFF_PASSWORD)" if given else password
        self.stdout.write(self.style.SUCCESS(f"Created {ROLES[role]} '{username}' with password {shown}"))
