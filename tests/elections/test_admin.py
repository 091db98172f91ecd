import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from elections.models import District, Stage, VoterCount

pytestmark = pytest.mark.django_db


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


def voter_count_form(city, **values):
    """Every field of the admin's voter figure form, as a browser posts it."""
    return {
        "election": city.pk,
        "list_stage": "DPT",
        "district": "",
        "subdistrict": "",
        "total": "",
        "male": "",
        "female": "",
        "polling_stations": "",
        "source": "Pleno DPT",
        "source_url": "",
        "as_of": "2024-09-19",
        "note_ind": "",
        "note_en": "",
        "confirmation_reason": "",
        **values,
    }


def test_a_figure_far_from_its_dps_needs_a_reason_in_the_admin_form_too(admin_client, city):
    kota = District.objects.get(name="Balikpapan Kota")
    url = reverse("admin:elections_votercount_add")
    values = voter_count_form(city, district=kota.pk, total="78150", polling_stations="140")

    refused = admin_client.post(url, values)

    assert refused.status_code == 200
    assert "28" in str(refused.context["errors"])
    assert not VoterCount.objects.filter(list_stage="DPT", district=kota).exists()

    admin_client.post(url, {**values, "confirmation_reason": "BA pleno 19-09-2024"})

    saved = VoterCount.objects.get(list_stage="DPT", district=kota)
    assert saved.history.get().history_change_reason == "Dikonfirmasi: BA pleno 19-09-2024"
