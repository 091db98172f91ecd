"""Make sure a staff login exists, so `make run` always ends with a way into the admin."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the administrator account if it does not exist. The password comes from "
        "PORTAL_ADMIN_PASSWORD or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PORTAL_ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Staff login '{username}' already exists. Forgot the password? "
                f"Run: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("PORTAL_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user = User(username=username, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("PORTAL_ADMIN_PASSWORD is too weak: " + " ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        shown = "(from PORTAL_ADMIN_PASSWORD)" if os.environ.get("PORTAL_ADMIN_PASSWORD") else password
        self.stdout.write(self.style.SUCCESS(f"Created staff login '{username}' with password {shown}"))
        self.stdout.write("Write it down: it is shown only this once. Sign in at /admin/")
