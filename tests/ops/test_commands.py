from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_a_staff_login_and_prints_its_password_once():
    out = StringIO()

    call_command("ensure_admin", stdout=out)

    user = get_user_model().objects.get(username="admin")
    password = out.getvalue().split("with password ")[1].split()[0]
    assert user.is_staff and user.is_superuser
    assert user.check_password(password)

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert "already exists" in again.getvalue()
    assert password not in again.getvalue()


def test_ensure_admin_uses_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "pilkada-balikpapan-2024")

    call_command("ensure_admin", stdout=StringIO())

    assert get_user_model().objects.get(username="admin").check_password("pilkada-balikpapan-2024")


def test_ensure_admin_refuses_a_weak_password_and_creates_nothing(monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "password")

    with pytest.raises(CommandError, match="too weak"):
        call_command("ensure_admin", stdout=StringIO())

    assert not get_user_model().objects.exists()
