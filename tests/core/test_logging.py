"""Structured logs: sign-ins, publishing and imports are recorded as JSON lines, without
passwords, codes, tokens, session ids or NIK numbers."""

import json
import logging
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from announcements.models import Announcement, Status
from core.logs import JsonFormatter, RedactFilter
from staff.audit import LOGIN_AT_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-sekali-2024"
WRONG = "Tebakan-Salah-99"


@pytest.fixture
def log_lines(caplog):
    """What the configured handler would write: every record redacted, then formatted as JSON."""
    caplog.set_level(logging.INFO)

    def lines():
        redact, formatter = RedactFilter(), JsonFormatter()
        out = []
        for record in caplog.records:
            redact.filter(record)
            out.append(formatter.format(record))
        return out

    return lines


def events(lines):
    return [json.loads(line) for line in lines if '"event"' in line]


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("kepala", password=PASSWORD)


def test_the_configured_log_handler_writes_redacted_json_lines():
    handler = django_settings.LOGGING["handlers"]["console"]

    assert handler["formatter"] == "json"
    assert handler["filters"] == ["redact"]
    assert django_settings.LOGGING["formatters"]["json"]["()"] == "core.logs.JsonFormatter"


def test_a_failed_sign_in_is_logged_with_username_and_address_but_never_the_password(
    client, staff, log_lines
):
    client.post(reverse("admin:login"), {"username": "kepala", "password": WRONG}, REMOTE_ADDR="10.1.2.3")

    lines = log_lines()
    failed = [e for e in events(lines) if e["event"] == "login.failed"]
    assert failed and failed[0]["username"] == "kepala" and failed[0]["ip"] == "10.1.2.3"
    assert failed[0]["level"] == "WARNING"
    assert not any(WRONG in line for line in lines)


def test_a_successful_sign_in_and_sign_out_are_logged(client, staff, log_lines):
    client.post(reverse("admin:login"), {"username": "kepala", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("admin:logout"))

    kinds = [(e["event"], e["username"]) for e in events(log_lines())]
    assert ("login.succeeded", "kepala") in kinds
    assert ("logout", "kepala") in kinds
    assert not any(PASSWORD in line for line in log_lines())


def test_a_wrong_one_time_code_is_logged_without_the_code(client, staff, log_lines):
    TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)

    client.post(reverse("admin:login"), {"username": "kepala", "password": PASSWORD, "otp_token": "123456"})

    lines = log_lines()
    assert any(e["event"] == "login.otp_failed" and e["username"] == "kepala" for e in events(lines))
    assert not any("123456" in line for line in lines)


def test_the_address_behind_trusted_proxies_is_the_one_logged(client, staff, log_lines, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1

    client.post(
        reverse("admin:login"),
        {"username": "kepala", "password": WRONG},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )

    assert [e["ip"] for e in events(log_lines()) if e["event"] == "login.failed"] == ["203.0.113.7"]


def test_publishing_and_unpublishing_are_logged_with_who_did_it(client, staff, log_lines):
    announcement = Announcement.objects.create(
        slug="uji-log", title_ind="Uji", summary_ind="Ringkasan", status=Status.DRAFT
    )
    client.force_login(staff)
    changelist = reverse("admin:announcements_announcement_changelist")

    client.post(changelist, {"action": "publish_now", "_selected_action": [announcement.pk]})
    client.post(changelist, {"action": "unpublish", "_selected_action": [announcement.pk]})

    logged = [
        (e["event"], e["slug"], e["username"])
        for e in events(log_lines())
        if e["event"].startswith("content.")
    ]
    assert logged == [
        ("content.published", "uji-log", "kepala"),
        ("content.unpublished", "uji-log", "kepala"),
    ]


def test_an_import_is_logged_with_its_outcome(staff, log_lines):
    from elections.importers import VoterCountImporter

    VoterCountImporter(b"election,list\n", user=staff).run()

    imports = [e for e in events(log_lines()) if e["event"].startswith("import.")]
    assert imports == [
        {**imports[0], "event": "import.refused", "username": "kepala", "model": "elections.votercount"}
    ]
    assert imports[0]["problems"] >= 1


@pytest.mark.parametrize(
    ("message", "leaked"),
    [
        ("login with password=Hunter2-secret failed", "Hunter2-secret"),
        ("GET /reset?token=abc123def456 from 10.0.0.1", "abc123def456"),
        ("cookie sessionid=zq9v8y7x6w", "zq9v8y7x6w"),
        ("voter NIK 6471031234560001 checked", "6471031234560001"),
        ("upstream said Authorization: Bearer eyJhbGciOi.abc-123", "eyJhbGciOi.abc-123"),
        ("cannot reach postgres://portal:Db-Secret-9@db.internal:5432/portal", "Db-Secret-9"),
    ],
)
def test_secrets_and_nik_numbers_are_masked_in_any_message(message, leaked):
    record = logging.LogRecord("portal", logging.INFO, __file__, 1, message, (), None)

    RedactFilter().filter(record)

    assert leaked not in JsonFormatter().format(record)


def test_secret_extra_fields_are_masked_and_the_request_is_never_written():
    record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "boom", (), None)
    record.password = "Hunter2-secret"
    record.request = object()
    record.username = "kepala"

    RedactFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))

    assert entry["password"] == "[redacted]" and entry["username"] == "kepala"
    assert "request" not in entry


def test_an_error_is_one_json_line_with_its_traceback():
    try:
        raise RuntimeError("rusak")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Server Error", (), sys.exc_info()
        )

    line = JsonFormatter().format(record)

    assert "\n" not in line
    assert "RuntimeError: rusak" in json.loads(line)["exception"]


def test_staff_sessions_end_after_the_absolute_limit_even_when_active(client, staff, settings):
    client.post(reverse("admin:login"), {"username": "kepala", "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - settings.PORTAL_STAFF_SESSION_MAX_AGE - 1
    session.save()

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_traceback_is_masked_like_the_message_in_both_formats():
    try:
        raise ValueError("password=Hunter2-secret for NIK 6471031234560001")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Server Error", (), sys.exc_info()
        )

    RedactFilter().filter(record)
    as_json = JsonFormatter().format(record)
    as_plain = logging.Formatter("%(message)s").format(record)

    for line in (as_json, as_plain):
        assert "ValueError" in line
        assert "Hunter2-secret" not in line and "6471031234560001" not in line
