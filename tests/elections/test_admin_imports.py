"""The import screens as staff use them: upload, preview, confirm or cancel, templates."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.spreadsheets import read_table, xlsx_bytes
from elections.models import PendingImport, VoterCount
from tests.support.city import ONE_WORD_KELURAHAN, csv_rows, kelurahan

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:elections_votercount_import")
DAMAI = csv_rows("pilkada-2024,DPT,Balikpapan Kota,Damai,8000,,,,2024-09-19,Pleno DPT")
FAR_FROM_DPS = csv_rows("pilkada-2024,DPT,Balikpapan Kota,,78150,,,140,2024-09-19,Pleno DPT")


def upload(client, data, name="dpt.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def confirm(client, response, **values):
    pending = response.context["pending"]
    url = reverse("admin:elections_votercount_import_confirm", args=[pending.pk])
    return client.post(url, {"digest": pending.digest, "confirm": "1", **values}, follow=True)


def damai_dpt():
    return VoterCount.objects.filter(subdistrict=kelurahan("Damai"), list_stage="DPT").first()


def test_an_upload_is_previewed_and_nothing_is_written_before_confirming(admin_client, city):
    response = upload(admin_client, DAMAI)

    assert response.status_code == 200
    assert [row.label for row in response.context["report"].changed_rows] == ["DPT · Damai"]
    assert "DPT · Damai" in response.content.decode()
    assert damai_dpt() is None


def test_confirming_imports_what_was_previewed_and_records_who(admin_client, admin_user, city):
    response = confirm(admin_client, upload(admin_client, DAMAI))

    assert response.redirect_chain[-1][0] == reverse("admin:elections_votercount_changelist")
    assert damai_dpt().total == 8000
    assert damai_dpt().history.get().history_user == admin_user
    assert not PendingImport.objects.exists()


def test_an_excel_file_is_previewed_and_imported_like_a_csv(admin_client, city):
    table = read_table(DAMAI)
    rows = [list(row.values()) for _line, row in table.rows]
    data = xlsx_bytes(table.header, rows, "DPT")

    confirm(admin_client, upload(admin_client, data, "dpt.xlsx"))

    assert damai_dpt().total == 8000


def test_cancelling_writes_nothing_and_forgets_the_file(admin_client, city):
    response = upload(admin_client, DAMAI)
    pending = response.context["pending"]

    admin_client.post(
        reverse("admin:elections_votercount_import_confirm", args=[pending.pk]), {"cancel": "1"}
    )

    assert damai_dpt() is None
    assert not PendingImport.objects.exists()


def test_figures_changed_between_preview_and_confirm_are_refused(admin_client, city):
    response = upload(admin_client, DAMAI)
    VoterCount.objects.create(
        election=city,
        list_stage="DPT",
        subdistrict=kelurahan("Damai"),
        total=7000,
        as_of="2024-09-19",
        source="entered by a colleague meanwhile",
    )

    refused = confirm(admin_client, response)

    assert damai_dpt().total == 7000
    assert refused.context["report"].rows[0].changes[0].old == "7.000"


def test_a_tampered_preview_digest_is_refused(admin_client, city):
    response = upload(admin_client, DAMAI)
    pending = response.context["pending"]
    url = reverse("admin:elections_votercount_import_confirm", args=[pending.pk])

    admin_client.post(url, {"digest": "0" * 64, "confirm": "1"})

    assert damai_dpt() is None


def test_nobody_confirms_another_staff_members_upload(admin_client, client, city):
    response = upload(admin_client, DAMAI)
    other = get_user_model().objects.create_superuser("lain", password="x" * 14)
    client.force_login(other)

    confirm(client, response)

    assert damai_dpt() is None


def test_a_file_with_problems_lists_them_all_and_keeps_nothing(admin_client, city):
    data = csv_rows(
        "pilkada-2024,DPT,Balikpapan Kota,Damaii,8000,4000,3000,,2024-09-19,Pleno",
        "pilkada-2024,DPT,,Sepinggan,٧٠٣٦٤,,,,2024-09-19,Pleno",
    )

    response = upload(admin_client, data)

    html = response.content.decode()
    assert [(p.line, p.column) for p in response.context["report"].problems] == [
        (2, "kelurahan"),
        (2, "total"),
        (3, "total"),
    ]
    assert "Damaii" in html and "Damai" in html
    assert not PendingImport.objects.exists()
    assert not VoterCount.objects.filter(subdistrict__isnull=False).exists()


def test_figures_that_need_confirmation_need_a_reason_that_goes_into_the_history(admin_client, city):
    response = upload(admin_client, FAR_FROM_DPS)
    assert response.context["report"].needs_confirmation

    without_reason = confirm(admin_client, response)
    assert without_reason.context["confirm_form"].errors["reason"]
    assert not VoterCount.objects.filter(list_stage="DPT", district__name="Balikpapan Kota").exists()

    confirm(admin_client, response, reason="KPU cleaned up double entries, BA 19-09-2024")

    stored = VoterCount.objects.get(list_stage="DPT", district__name="Balikpapan Kota")
    assert "KPU cleaned up double entries" in stored.history.latest().history_change_reason


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_lists_the_whole_city(admin_client, city, fmt):
    response = admin_client.get(reverse("admin:elections_votercount_import_template", args=[fmt]))

    table = read_table(response.content, f"template.{fmt}")
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert len(table.rows) == 1 + 6 + 34
    assert {row["kelurahan"] for _line, row in table.rows} >= set(ONE_WORD_KELURAHAN)


def test_a_filled_template_imports_in_one_go(admin_client, city):
    response = admin_client.get(reverse("admin:elections_pollingstation_import_template", args=["csv"]))
    table = read_table(response.content, "template.csv")
    rows = [
        {**row, "number": "1", "voters": "300", "as_of": "19/09/2024", "source": "Pleno"}
        for _line, row in table.rows
    ]
    data = xlsx_bytes(table.header, [list(row.values()) for row in rows], "TPS")

    preview = admin_client.post(
        reverse("admin:elections_pollingstation_import"), {"file": SimpleUploadedFile("tps.xlsx", data)}
    )
    pending = preview.context["pending"]
    admin_client.post(
        reverse("admin:elections_pollingstation_import_confirm", args=[pending.pk]),
        {"digest": pending.digest, "confirm": "1"},
    )

    assert city.polling_stations.count() == 34


def test_importing_needs_the_import_permission(client, city):
    staff = get_user_model().objects.create_user("verifikator", password="x" * 14, is_staff=True)
    client.force_login(staff)
    template = reverse("admin:elections_votercount_import_template", args=["csv"])

    assert client.get(IMPORT).status_code == 403
    assert client.get(template).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="import_votercount"))
    assert client.get(IMPORT).status_code == 200
    assert client.get(template).status_code == 200
