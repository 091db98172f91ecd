"""Staff accounts for tests: a member of a role, a sign-in through the real form, a 2FA device."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "pilkada-rahasia-2024"
LOGIN = "/admin/login/"
EDITOR, PUBLISHER, ADMINISTRATOR = "Editor", "Publisher (Verifikator)", "Administrator"


def staff_in(role, username=None):
    user = get_user_model().objects.create_user(
        username or role.split()[0].lower(), password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def sign_in(client, username, password, ip="10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code(device):
    """The code the device's app shows right now."""
    return f"{totp(device.bin_key):06d}"
