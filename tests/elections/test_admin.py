import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.models import Stage, VoterCount

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    b"election,list,kecamatan,kelurahan,total,male,female,tps,as_of,source\n"
    b"pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno DPT\n"
)
BAD_CSV = (
    b"election,list,kecamatan,kelurahan,total,male,female,tps,as_of,source\n"
    b"pilkada-2024,DPT,,,98,,,5,2024-09-19,Pleno DPT\n"
    b"pilkada-2024,DPS,Atlantis,,-3,,,5,2024-09-19,Pleno DPS\n"
)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("verifikator", password="x" * 14, is_staff=True)


@pytest.mark.parametrize(
    "model",
    [
        "election",
        "contest",
        "stage",
        "district",
        "subdistrict",
        "votercount",
        "pollingstation",
        "result",
        "turnout",
        "debate",
    ],
)
def test_every_elections_admin_screen_opens(admin_client, election, areas, model):
    assert admin_client.get(reverse(f"admin:elections_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:elections_{model}_add")).status_code == 200


def test_the_election_screen_edits_stages_inline(admin_client, election):
    html = admin_client.get(reverse("admin:elections_election_change", args=[election.pk])).content.decode()

    assert "Masa tenang" in html
    assert 'name="stages-0-start"' in html


def test_a_stage_ending_before_it_starts_is_refused_in_the_admin(admin_client, election):
    stage = Stage.objects.get(order=3)
    data = {
        "election": election.pk,
        "order": 3,
        "name_ind": "Masa tenang",
        "name_en": "Quiet period",
        "description_ind": "",
        "description_en": "",
        "start": "2024-11-26",
        "end": "2024-11-24",
        "phase": "penyelenggaraan",
        "kind": "quiet_period",
        "source": "PKPU 2/2024",
    }

    response = admin_client.post(reverse("admin:elections_stage_change", args=[stage.pk]), data)

    assert response.status_code == 200
    assert "tidak boleh berakhir sebelum dimulai" in response.content.decode()
    stage.refresh_from_db()
    assert str(stage.end) == "2024-11-26"


def test_import_screen_imports_a_good_file_and_records_the_user(admin_client, election, admin_user):
    upload = SimpleUploadedFile("dpt.csv", GOOD_CSV, content_type="text/csv")

    response = admin_client.post(reverse("admin:elections_votercount_import"), {"file": upload}, follow=True)

    assert "1 dibuat, 0 diperbarui, 0 tidak berubah" in response.content.decode()
    assert VoterCount.history.get().history_user == admin_user


def test_import_screen_lists_every_bad_line_and_imports_nothing(admin_client, election):
    upload = SimpleUploadedFile("dps.csv", BAD_CSV, content_type="text/csv")

    response = admin_client.post(reverse("admin:elections_votercount_import"), {"file": upload})

    html = response.content.decode()
    assert "Tidak ada yang diimpor" in html
    assert "Atlantis" in html and "<td>3</td>" in html
    assert VoterCount.objects.count() == 0


def test_import_check_only_writes_nothing(admin_client, election):
    upload = SimpleUploadedFile("dpt.csv", GOOD_CSV, content_type="text/csv")

    admin_client.post(reverse("admin:elections_votercount_import"), {"file": upload, "check_only": "on"})

    assert VoterCount.objects.count() == 0


def test_import_refuses_a_file_that_is_not_csv(admin_client, election):
    upload = SimpleUploadedFile("dpt.xlsx", b"PK\x03\x04", content_type="application/octet-stream")

    response = admin_client.post(reverse("admin:elections_votercount_import"), {"file": upload})

    assert ".csv" in response.content.decode()
    assert VoterCount.objects.count() == 0


def test_import_needs_the_import_permission(client, staff, election):
    client.force_login(staff)
    url = reverse("admin:elections_votercount_import")

    assert client.get(url).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="import_votercount"))
    assert client.get(url).status_code == 200
