"""Sign-in budgets across addresses and accounts (portal/signin.py), through the real sign-in form.

The probe: 36 wrong passwords from 4 addresses on one account, and 40 usernames from one address,
all went through. Now both are slowed down after their budget, a real staff member is delayed
(seconds, never a long lockout) and told at their next sign-in how many attempts failed.
"""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from staff import signin
from tests.support.staff import EDITOR, PASSWORD, code, confirmed_device, sign_in, staff_in

pytestmark = pytest.mark.django_db

WRONG = "tebakan-salah-123"
SLOWED = "Masuk diperlambat"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def is_slowed(response):
    return response.status_code == 429 and SLOWED in response.content.decode()


def age_failures(minutes):
    """As if the failures so far happened ``minutes`` ago."""
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def failed_attempts(username, count, at):
    """``count`` failed attempts on ``username`` from as many addresses, all at ``at``."""
    created = AccessFailureLog.objects.bulk_create(
        AccessFailureLog(username=username, ip_address=f"10.0.{n}.1", locked_out=False) for n in range(count)
    )
    # The log stamps its rows with the current time when they are created.
    AccessFailureLog.objects.filter(pk__in=[row.pk for row in created]).update(attempt_time=at)


def test_wrong_passwords_from_many_addresses_on_one_account_are_slowed_down(client, settings):
    staff_in(EDITOR, "siti")
    addresses = [f"10.0.{n}.1" for n in range(4)]

    responses = [sign_in(client, "siti", WRONG, ip=address) for address in addresses for _try in range(9)]

    budget = settings.PORTAL_LOGIN_ACCOUNT_BUDGET
    assert not any(is_slowed(response) for response in responses[:budget])
    assert is_slowed(responses[budget])
    assert sum(is_slowed(response) for response in responses) >= 36 - budget - 2
    # One more counted failure at most per pause: the guesses really slow down.
    assert AccessFailureLog.objects.filter(username="siti").count() <= budget + 2


def test_many_usernames_from_one_address_are_slowed_down_but_not_other_addresses(client, settings):
    staff_in(EDITOR, "siti")

    responses = [sign_in(client, f"tebak{n}", WRONG, ip="203.0.113.9") for n in range(40)]

    budget = settings.PORTAL_LOGIN_ADDRESS_BUDGET
    assert not any(is_slowed(response) for response in responses[:budget])
    assert is_slowed(responses[budget])
    assert AccessFailureLog.objects.filter(ip_address="203.0.113.9").count() <= budget + 2
    assert sign_in(client, "siti", PASSWORD, ip="10.0.0.7").status_code == 302


def test_a_slowed_attempt_is_not_checked_and_says_how_long_to_wait(client, settings, caplog):
    caplog.set_level(logging.WARNING)
    staff_in(EDITOR, "siti")
    for number in range(settings.PORTAL_LOGIN_ACCOUNT_BUDGET):
        sign_in(client, "siti", WRONG, ip=f"10.1.{number}.1")

    response = sign_in(client, "siti", PASSWORD, ip="10.9.9.9")

    assert is_slowed(response)
    assert response["Retry-After"] in {"1", "2"}
    assert "Tunggu 2 detik" in response.content.decode() or "Tunggu 1 detik" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in
    slowed = [record for record in caplog.records if getattr(record, "event", "") == "login.slowed"]
    assert slowed and (slowed[0].username, slowed[0].ip, slowed[0].scope) == ("siti", "10.9.9.9", "account")


def test_after_the_pause_the_staff_member_signs_in_and_is_told_how_many_attempts_failed(client, settings):
    staff_in(EDITOR, "siti")
    for number in range(settings.PORTAL_LOGIN_ACCOUNT_BUDGET):
        sign_in(client, "siti", WRONG, ip=f"10.1.{number}.1")
    age_failures(minutes=1)

    response = sign_in(client, "siti", PASSWORD, ip="10.9.9.9")

    assert response.status_code == 302
    page = client.get(reverse("admin:index")).content.decode()
    assert f"Ada {settings.PORTAL_LOGIN_ACCOUNT_BUDGET} upaya masuk yang gagal pada akun Anda" in page


def test_the_next_sign_in_only_counts_failures_since_the_last_one(client):
    staff_in(EDITOR, "siti")
    sign_in(client, "siti", WRONG, ip="10.1.0.1")
    sign_in(client, "siti", PASSWORD)
    client.logout()
    sign_in(client, "siti", WRONG, ip="10.1.0.2")
    sign_in(client, "siti", WRONG, ip="10.1.0.3")

    sign_in(client, "siti", PASSWORD)

    page = client.get(reverse("admin:index")).content.decode()
    assert "Ada 2 upaya masuk yang gagal" in page


def test_a_wrong_one_time_code_counts_as_a_failed_attempt(client):
    device = confirmed_device(staff_in(EDITOR, "siti"))

    sign_in(client, "siti", PASSWORD, ip="10.3.3.3", otp_token="000000")
    sign_in(client, "siti", PASSWORD, ip="10.3.3.3", otp_token="")  # no code typed: not a guess

    assert list(AccessFailureLog.objects.values_list("username", "ip_address")) == [("siti", "10.3.3.3")]
    device.throttling_failure_count = 0
    device.save()
    sign_in(client, "siti", PASSWORD, otp_token=code(device))
    assert "Ada 1 upaya masuk yang gagal" in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize(
    ("failures", "seconds_ago", "wait"),
    [
        (14, 0, None),  # within the budget
        (15, 0, 2),  # budget spent: 2 s after the latest failure
        (16, 0, 4),  # doubling with each further failure
        (18, 0, 16),
        (30, 0, 60),  # never more than the cap
        (30, 45, 15),  # counted from the latest failure
        (30, 61, None),  # the pause is over
    ],
)
def test_the_pause_doubles_up_to_the_cap(settings, failures, seconds_ago, wait):
    settings.PORTAL_LOGIN_ACCOUNT_BUDGET = 15
    settings.PORTAL_LOGIN_MAX_DELAY_SECONDS = 60
    now = timezone.now()
    latest = now - timedelta(seconds=seconds_ago)
    failed_attempts("siti", failures, at=latest)

    pause = signin.pause_for("siti", "10.9.9.9", at=now)

    assert (pause.seconds if pause else None) == wait
    assert pause is None or pause.scope == "account"


def test_failures_older_than_the_window_do_not_count(settings):
    now = timezone.now()
    failed_attempts("siti", 50, at=now - timedelta(minutes=settings.PORTAL_LOGIN_BUDGET_MINUTES, seconds=1))

    assert signin.pause_for("siti", "10.0.0.1", at=now) is None
