"""Staff backend: roles, history, login protection, two-factor sign-in and the dashboard."""

from datetime import date, timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from elections.models import Election, PendingImport, VoterCount
from pagecache import jobs, timed
from tests.support.redis import closed_port
from tests.support.staff import LOGIN, PASSWORD, confirmed_device, sign_in, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(db):
    election = Election.objects.create(
        slug="pilkada-2024", name_ind="Pilkada 2024", voting_day=date(2024, 11, 27)
    )
    return VoterCount.objects.create(
        election=election, list_stage="DPT", total=520986, as_of=date(2024, 9, 19), source="Pleno KPU"
    )


def voter_count_form(figure, total):
    return {
        "election": figure.election_id,
        "list_stage": "DPT",
        "district": "",
        "subdistrict": "",
        "total": total,
        "male": "",
        "female": "",
        "polling_stations": "",
        "source": "Pleno KPU",
        "source_url": "",
        "as_of": "2024-09-19",
        "note_ind": "",
        "note_en": "",
    }


# Roles -----------------------------------------------------------------------------------------


def test_the_three_roles_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Editor",
        "Publisher (Verifikator)",
        "Administrator",
    }


@pytest.mark.parametrize(
    ("role", "url_name", "status"),
    [
        ("Editor", "admin:announcements_announcement_add", 200),
        ("Editor", "admin:elections_votercount_changelist", 200),
        ("Editor", "admin:elections_votercount_add", 403),
        ("Editor", "admin:elections_votercount_import", 403),
        ("Editor", "admin:auth_user_changelist", 403),
        ("Publisher (Verifikator)", "admin:elections_votercount_add", 200),
        ("Publisher (Verifikator)", "admin:elections_votercount_import", 200),
        ("Publisher (Verifikator)", "admin:elections_pollingstation_import", 200),
        ("Publisher (Verifikator)", "admin:candidates_candidatepair_add", 200),
        ("Publisher (Verifikator)", "admin:auth_user_changelist", 403),
        ("Administrator", "admin:auth_user_add", 200),
        ("Administrator", "admin:auth_group_changelist", 200),
        ("Administrator", "admin:announcements_announcement_add", 403),
        ("Administrator", "admin:elections_votercount_add", 403),
    ],
)
def test_each_role_reaches_exactly_its_screens(client, role, url_name, status):
    client.force_login(staff_in(role))

    assert client.get(reverse(url_name)).status_code == status


def test_an_editor_can_read_but_not_change_voter_counts(client, figure):
    client.force_login(staff_in("Editor"))
    url = reverse("admin:elections_votercount_change", args=[figure.pk])

    response = client.post(url, voter_count_form(figure, 1))

    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.total == 520986


def test_a_publisher_changes_voter_counts_and_history_records_who(client, figure):
    publisher = staff_in("Publisher (Verifikator)")
    client.force_login(publisher)

    response = client.post(
        reverse("admin:elections_votercount_change", args=[figure.pk]), voter_count_form(figure, 520987)
    )

    assert response.status_code == 302
    latest = figure.history.first()
    assert (latest.total, latest.history_user, latest.history_type) == (520987, publisher, "~")
    assert figure.history.count() == 2


def test_history_screen_shows_old_and_new_values(admin_client, figure):
    figure.total = 520990
    figure.save()

    response = admin_client.get(reverse("admin:elections_votercount_history", args=[figure.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "520986" in html and "520990" in html
    assert "sistem (impor atau perintah)" in html and ">None<" not in html


def test_an_administrator_cannot_delete_content(client, figure):
    client.force_login(staff_in("Administrator"))

    response = client.post(reverse("admin:elections_votercount_delete", args=[figure.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert VoterCount.objects.filter(pk=figure.pk).exists()


def test_create_staff_user_puts_the_user_in_the_role(monkeypatch):
    monkeypatch.setenv("PORTAL_NEW_STAFF_PASSWORD", PASSWORD)
    out = StringIO()

    call_command("create_staff_user", "siti", role="editor", email="siti@example.go.id", stdout=out)

    user = get_user_model().objects.get(username="siti")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    assert user.check_password(PASSWORD)


def test_create_staff_user_refuses_duplicates_and_weak_passwords(monkeypatch):
    monkeypatch.setenv("PORTAL_NEW_STAFF_PASSWORD", "12345")
    with pytest.raises(CommandError, match="too weak"):
        call_command("create_staff_user", "budi", role="publisher", stdout=StringIO())
    assert not get_user_model().objects.filter(username="budi").exists()

    monkeypatch.delenv("PORTAL_NEW_STAFF_PASSWORD")
    call_command("create_staff_user", "budi", role="publisher", stdout=StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_staff_user", "budi", role="editor", stdout=StringIO())


# Login protection ------------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_account_from_that_address(client):
    staff_in("Editor", "ani")
    for _attempt in range(9):
        assert sign_in(client, "ani", "salah-salah-salah").status_code == 200
    assert sign_in(client, "ani", "salah-salah-salah").status_code == 429

    response = sign_in(client, "ani", PASSWORD)

    assert response.status_code == 429
    assert "dijeda" in response.content.decode()


def test_a_lockout_does_not_spread_to_other_users_or_addresses(client):
    staff_in("Editor", "ani")
    staff_in("Publisher (Verifikator)", "budi")
    for _attempt in range(10):
        sign_in(client, "ani", "salah-salah-salah", ip="10.0.0.1")

    assert sign_in(client, "budi", PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, "ani", PASSWORD, ip="10.0.0.9").status_code == 302


def test_the_lock_lifts_after_the_cool_off_period(client, settings):
    staff_in("Editor", "ani")
    for _attempt in range(10):
        sign_in(client, "ani", "salah-salah-salah")
    assert sign_in(client, "ani", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )

    assert sign_in(client, "ani", PASSWORD).status_code == 302


def test_the_sign_in_page_states_the_configured_limit_and_pause(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)

    html = client.get(LOGIN).content.decode()

    assert "Setelah 5 kali salah kata sandi, masuk dari alamat Anda dijeda selama 15 menit." in html


def test_the_dashboard_lists_only_lockouts_still_in_force(client, admin_client, settings):
    staff_in("Editor", "ani")
    staff_in("Editor", "budi")
    for username in ("ani", "budi"):
        for _attempt in range(10):
            sign_in(client, username, "salah-salah-salah")
    AccessAttempt.objects.filter(username="budi").update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )

    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "<li>ani · 10.0.0.1 ·" in html
    assert "<li>budi ·" not in html


def test_an_administrator_unlocks_by_command(client):
    staff_in("Editor", "ani")
    for _attempt in range(10):
        sign_in(client, "ani", "salah-salah-salah")

    call_command("axes_reset_username", "ani", stdout=StringIO())

    assert sign_in(client, "ani", PASSWORD).status_code == 302


def test_the_client_address_comes_from_the_proxy_only_when_configured(client, settings):
    staff_in("Editor", "ani")
    for _attempt in range(10):
        client.post(
            LOGIN,
            {"username": "ani", "password": "x" * 12},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR="1.2.3.4",
        )

    assert AccessAttempt.objects.get().ip_address == "10.9.9.9"


def test_passwords_follow_current_guidance(settings):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("pendek123")  # shorter than 12
    with pytest.raises(ValidationError):
        validate_password("password1234")  # a common password
    validate_password("tiga-kata-acak-panjang")


# Two-factor sign-in ----------------------------------------------------------------------------


def test_with_2fa_required_a_password_alone_does_not_open_the_admin(client, settings):
    settings.PORTAL_REQUIRE_2FA = True
    user = staff_in("Editor", "ani")

    response = sign_in(client, "ani", PASSWORD)

    assert response.status_code == 302 and response["Location"] == reverse("admin:two-factor")
    assert client.get(reverse("admin:index")).status_code == 302
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_staff_set_up_an_authenticator_and_then_reach_the_admin(client, settings):
    settings.PORTAL_REQUIRE_2FA = True
    staff_in("Editor", "ani")
    sign_in(client, "ani", PASSWORD)
    page = client.get(reverse("admin:two-factor"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="ani")

    bad = client.post(reverse("admin:two-factor"), {"password": PASSWORD, "token": "000000"})
    assert bad.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    # After a wrong code django-otp pauses verification briefly; the user waits, then retries.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(
        reverse("admin:two-factor"), {"password": PASSWORD, "token": f"{totp(device.bin_key):06d}"}
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_with_a_device_need_its_code_to_sign_in(client):
    user = staff_in("Editor", "ani")
    device = confirmed_device(user)

    without = sign_in(client, "ani", PASSWORD)
    assert without.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302

    with_code = sign_in(client, "ani", PASSWORD, otp_token=f"{totp(device.bin_key):06d}")
    assert with_code.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_the_setting_staff_without_a_device_sign_in_with_a_password(client):
    staff_in("Editor", "ani")

    assert sign_in(client, "ani", PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_production_requires_2fa_by_default():
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "DJANGO_SECRET_KEY": "Jm3u-9xQe2Lr7TpWv4Kd8Zs1Nc6Hb5Yg0Af_OiUoPlMkXwRtEqDyS",
        "DJANGO_ALLOWED_HOSTS": "a",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.PORTAL_REQUIRE_2FA)"
    )
    import os

    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "True", result.stderr


# Sessions and dashboard ------------------------------------------------------------------------


def test_admin_requests_refresh_the_staff_session_but_public_pages_never_touch_it(client):
    client.force_login(staff_in("Editor", "ani"))

    admin_response = client.get(reverse("admin:index"))
    public_response = client.get("/id/")

    assert "sessionid" in admin_response.cookies
    assert not public_response.cookies


def in_review(slug, title):
    """An announcement an Editor has submitted, waiting for a Reviewer."""
    from announcements.models import Announcement, Status

    return Announcement.objects.create(
        slug=slug,
        title_ind=title,
        summary_ind="Ringkasan",
        body_ind="Isi",
        status=Status.REVIEW,
        source="Setdakot",
    )


def test_dashboard_lists_what_needs_attention(admin_client, figure, settings):
    settings.PORTAL_CLOCK = "2024-11-20T09:00+08:00"
    in_review("menunggu", "Pengumuman menunggu tinjauan")

    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "Pengumuman menunggu tinjauan" in html
    assert "7 hari menuju hari pemungutan suara" in html
    assert "1 angka lebih lama dari 30 hari" in html


def test_dashboard_counts_every_waiting_item_though_it_lists_ten(admin_client):
    for number in range(12):
        in_review(f"menunggu-{number}", f"Butir antre {number}")

    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "12 menunggu tinjauan" in html
    assert html.count(">Butir antre ") == 10


@pytest.mark.parametrize(
    "model",
    [
        "elections_resultvote",
        "candidates_candidate",
        "candidates_programme",
        "candidates_pairdocument",
        "announcements_attachment",
    ],
)
def test_parts_edited_inline_also_have_a_searchable_list(admin_client, model):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_a_bulk_publish_records_the_publisher_in_the_history(client):
    from announcements.models import Announcement, Status

    publisher = staff_in("Publisher (Verifikator)")
    item = Announcement.objects.create(
        slug="siap-terbit",
        title_ind="Siap terbit",
        summary_ind="R",
        body_ind="I",
        status=Status.REVIEW,
        source="S",
    )
    client.force_login(publisher)

    client.post(
        reverse("admin:announcements_announcement_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )

    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.history.first().history_user == publisher


def test_every_content_model_keeps_a_history():
    # An upload waiting for its preview to be confirmed is not content: the import it becomes is.
    content = [
        model
        for app in ("elections", "candidates", "announcements")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model is not PendingImport
    ]

    assert content and all(hasattr(model, "history") for model in content)


def test_the_admin_names_third_party_apps_and_languages_in_the_staffs_words(admin_client):
    index = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    form = admin_client.get(reverse("admin:guide_term_add"), HTTP_ACCEPT_LANGUAGE="id").content.decode()

    assert (
        "Percobaan masuk" in index and "Verifikasi dua langkah" in index and "Aplikasi autentikator" in index
    )
    assert "Axes" not in index and "Otp_Totp" not in index and "TOTP devices" not in index
    assert "[Bahasa Indonesia]" in form and "[English]" in form and "[ind]" not in form
    assert "js/admin_language_tabs.js" in form


def test_dashboard_shows_page_renders_that_failed_after_their_retries(admin_client, settings, monkeypatch):
    settings.PORTAL_RENDER_JOBS = "thread"
    worker = jobs.InProcessWorker(intervals=(0, 0, 0))
    monkeypatch.setattr(jobs, "in_process", lambda: worker)
    monkeypatch.setattr(timed, "start", lambda: None)  # the clock's first job is not counted here
    worker.run(
        "tests.staff.test_staff.render_that_fails", ("http://testserver/id/jadwal/",), "/id/jadwal/ (id)"
    )

    html = " ".join(admin_client.get(reverse("admin:index")).content.decode().split())

    assert "0 halaman menunggu dibuat ulang; 1 pembuatan ulang gagal." in html
    assert "/id/jadwal/ (id) (RuntimeError: /id/jadwal/ answered 500)" in html


def test_dashboard_says_when_the_job_queue_does_not_answer(admin_client, settings):
    settings.PORTAL_RENDER_JOBS = "rq"
    settings.PORTAL_JOBS_REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"

    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "Antrean pekerjaan tidak menjawab" in html


def test_dashboard_says_nothing_of_renders_when_readers_render_pages(admin_client):
    assert "Halaman publik setelah perubahan" not in admin_client.get(reverse("admin:index")).content.decode()


def render_that_fails(address):
    raise RuntimeError(f"{urlsplit(address).path} answered 500")
