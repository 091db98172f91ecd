import pytest
from django.contrib.auth.models import Group
from django.test import Client

from feedback.models import Report

PASSWORD = "pilkada-rahasia-2024"


@pytest.fixture
def reader():
    """A reader's browser: the form page gives it the CSRF cookie it must send back."""
    return Client(enforce_csrf_checks=True)


def send(client, page="/id/jadwal/", message="Tanggal rapat pleno DPT di halaman ini salah.", **extra):
    """Open the report form from ``page`` and send it, as a browser does."""
    client.get("/id/laporkan/", {"dari": page if page.startswith("/id/") else "/id/"})
    token = client.cookies["csrftoken"].value
    return client.post(
        "/id/laporkan/", {"page": page, "message": message, "csrfmiddlewaretoken": token, **extra}
    )


def staff(django_user_model, role, username):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def report(db):
    return Report.objects.create(page="/id/jadwal/", language="id", message="Tanggal pleno salah ditulis.")
