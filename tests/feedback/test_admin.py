"""Staff read reports with their page, answer or close them; the dashboard counts open ones."""

import pytest
from django.core.exceptions import ValidationError

from feedback.models import Report

from .conftest import staff

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/feedback/report/"


def test_each_role_reads_reports_and_only_editors_and_publishers_handle_them(django_user_model):
    editor = staff(django_user_model, "Editor", "penyunting")
    publisher = staff(django_user_model, "Publisher (Verifikator)", "penerbit")
    administrator = staff(django_user_model, "Administrator", "admin-kota")

    assert all(user.has_perm("feedback.view_report") for user in (editor, publisher, administrator))
    assert editor.has_perm("feedback.change_report") and publisher.has_perm("feedback.change_report")
    assert not administrator.has_perm("feedback.change_report")
    assert not any(user.has_perm("feedback.add_report") for user in (editor, publisher, administrator))


def test_an_editor_answers_a_report_and_is_recorded_as_handling_it(client, django_user_model, report):
    editor = staff(django_user_model, "Editor", "penyunting")
    client.force_login(editor)

    listing = client.get(CHANGELIST).content.decode()
    response = client.post(
        f"{CHANGELIST}{report.pk}/change/",
        {"status": "answered", "answer": "Tanggal diperbaiki sesuai BA KPU."},
    )

    assert "/id/jadwal/" in listing
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handled_by) == ("answered", editor)


def test_answered_needs_an_answer(client, django_user_model, report):
    client.force_login(staff(django_user_model, "Editor", "penyunting"))

    response = client.post(f"{CHANGELIST}{report.pk}/change/", {"status": "answered", "answer": ""})

    assert response.status_code == 200 and "Tulis jawabannya" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "open"
    with pytest.raises(ValidationError):
        Report(page="/id/", language="id", message="x" * 20, status="answered").full_clean()


def test_several_reports_are_closed_at_once(client, django_user_model, report):
    other = Report.objects.create(page="/id/calon/", language="id", message="Nama partai salah.")
    client.force_login(staff(django_user_model, "Publisher (Verifikator)", "penerbit"))

    client.post(CHANGELIST, {"action": "close", "_selected_action": [report.pk, other.pk]})

    assert set(Report.objects.values_list("status", flat=True)) == {"closed"}


def test_staff_cannot_add_reports_themselves(admin_client):
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


def test_the_dashboard_counts_open_reports(client, django_user_model, report):
    Report.objects.create(page="/id/", language="id", message="Sudah ditangani.", status="closed")
    client.force_login(staff(django_user_model, "Editor", "penyunting"))

    html = client.get("/admin/").content.decode()

    assert "Laporan kesalahan dari pembaca" in html
    assert "1 laporan terbuka" in html
