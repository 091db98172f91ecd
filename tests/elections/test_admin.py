from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from elections.models import District, Election, Stage, VoterCount
from tests.support.elections import add_newer_election

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


def copy_timeline(client, source, target=None):
    data = {"action": "copy_timeline", "_selected_action": [source.pk]}
    if target is not None:
        data.update(apply="1", election=target.pk)
    return client.post(reverse("admin:elections_election_changelist"), data, follow=True)


def test_staff_copy_the_2024_schedule_to_a_new_election_moved_to_its_voting_day(admin_client, demo):
    pilkada = Election.objects.get(slug="pilkada-2024")
    newer = add_newer_election(voting_day=date(2029, 11, 28))
    Stage.objects.filter(election=newer).delete()
    source = list(Stage.objects.filter(election=pilkada).order_by("order"))

    form = copy_timeline(admin_client, pilkada).content.decode()
    done = copy_timeline(admin_client, pilkada, newer)

    assert "Salin jadwal" in form
    copied = list(Stage.objects.filter(election=newer).order_by("order"))
    assert len(copied) == len(source) > 10
    shift = newer.voting_day - pilkada.voting_day
    assert [(s.start, s.end) for s in copied] == [(s.start + shift, s.end + shift) for s in source]
    assert [(s.name_ind, s.name_en, s.source) for s in copied] == [
        (s.name_ind, s.name_en, s.source) for s in source
    ]
    assert Stage.objects.filter(election=pilkada).count() == len(source)  # 2024 keeps its own
    assert f"{len(source)} tahapan disalin ke Pemilu 2029" in done.content.decode()
    assert all(stage.history.count() == 1 for stage in copied)
    assert admin_client.get("/id/pemilihan/pemilu-2029/jadwal/").content.decode().count(
        'class="stage stage--'
    ) == len(source)


def test_a_schedule_is_never_copied_onto_one_that_exists(admin_client, demo):
    pilkada = Election.objects.get(slug="pilkada-2024")
    newer = add_newer_election()

    done = copy_timeline(admin_client, pilkada, newer).content.decode()

    assert "sudah memiliki jadwal" in done
    assert Stage.objects.filter(election=newer).count() == 1


def test_copying_asks_for_one_election_to_copy_from(admin_client, demo):
    add_newer_election()
    both = Election.objects.values_list("pk", flat=True)

    done = admin_client.post(
        reverse("admin:elections_election_changelist"),
        {"action": "copy_timeline", "_selected_action": list(both)},
        follow=True,
    ).content.decode()

    assert "Pilih tepat satu pemilihan" in done


def test_staff_who_may_not_add_stages_can_neither_see_nor_post_the_copy(client, demo, staff):
    staff.user_permissions.add(Permission.objects.get(codename="view_election"))
    client.force_login(staff)
    pilkada = Election.objects.get(slug="pilkada-2024")
    newer = add_newer_election()
    Stage.objects.filter(election=newer).delete()

    page = client.get(reverse("admin:elections_election_changelist"))
    copy_timeline(client, pilkada, newer)

    assert page.status_code == 200
    assert "copy_timeline" not in page.content.decode()
    assert not Stage.objects.filter(election=newer).exists()
