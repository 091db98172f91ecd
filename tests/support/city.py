"""The city at its real shape for tests: the real election, 6 kecamatan and 34 kelurahan with
their published figures (elections.demo), and the fictional full-city set (elections.training)."""

from io import StringIO

from elections import demo, training
from elections.models import Election, Subdistrict

# The kelurahan whose name is one word, so their slug equals their name: the lookup bug of #18.
ONE_WORD_KELURAHAN = [
    "Damai",
    "Prapatan",
    "Sepinggan",
    "Manggar",
    "Teritip",
    "Lamaru",
    "Kariangau",
    "Margasari",
]


def load_city():
    """The real election, its stages and every real area with its published figures."""
    demo.load(StringIO())
    return Election.objects.get(slug="pilkada-2024")


def training_city(election):
    return training.build(election)


def kelurahan(name):
    return Subdistrict.objects.select_related("district").get(name=name)


def csv_rows(*rows, header="election,list,kecamatan,kelurahan,total,male,female,tps,as_of,source"):
    return ("\n".join([header, *rows]) + "\n").encode()
