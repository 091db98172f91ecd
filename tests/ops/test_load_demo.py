from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from elections.models import District, Stage, Subdistrict, VoterCount

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("elections", "candidates", "announcements")


def snapshot():
    """Row counts of every content model and its history table."""
    return {
        model._meta.label: model.objects.count()
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_load_demo_loads_the_real_balikpapan_figures():
    call_command("load_demo", stdout=StringIO())

    assert District.objects.count() == 6
    assert Subdistrict.objects.count() == 34
    # The 14 national stages, 5 of Balikpapan's own dates and the inauguration that ended it.
    assert Stage.objects.count() == 20
    dpt = VoterCount.objects.city().get(list_stage="DPT")
    assert (dpt.total, dpt.polling_stations) == (520986, 996)
    dps = VoterCount.objects.districts().filter(list_stage="DPS")
    assert sum(count.total for count in dps) == 521133
    assert all(count.source and count.as_of for count in VoterCount.objects.all())


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    first = snapshot()

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert snapshot() == first
    assert "Demo data is up to date." in out.getvalue()
