import pytest

from candidates.models import PairDocument
from candidates.parity import parity_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def uneven_pairs(make_pair, themes, add_programme, photo_upload):
    """Pair 1 is well documented, pair 2 only partly: the report must show the difference."""
    first = make_pair(
        1,
        vision_ind="Visi contoh",
        vision_en="Example vision",
        mission_ind="Misi satu\nMisi dua\nMisi tiga",
        mission_en="Mission one\nMission two",
        source_url="https://kpu.example/",
    )
    for candidate in first.candidates.all():
        candidate.photo = photo_upload()
        candidate.photo_alt = "Potret fiktif"
        candidate.save()
    add_programme(first, themes[0], "Program pendidikan satu")
    add_programme(first, themes[0], "Program pendidikan dua")
    add_programme(first, themes[1], "Program kesehatan")
    PairDocument.objects.create(
        pair=first, title="Dokumen contoh", url="https://kpu.example/1.pdf", publisher="KPU"
    )

    second = make_pair(2, mission_ind="Misi satu")
    add_programme(second, themes[1], "Program kesehatan")
    return first, second


def test_the_report_counts_what_each_pair_has_filled_in(uneven_pairs):
    (contest,) = parity_report()

    first, second = (row.values for row in contest.rows)
    assert first == {
        "head_photo": True,
        "deputy_photo": True,
        "vision_id": True,
        "vision_en": True,
        "mission_id": 3,
        "mission_en": 2,
        "theme:pendidikan": 2,
        "theme:kesehatan": 1,
        "theme:lingkungan": 0,
        "documents": 1,
        "source_link": True,
    }
    assert second == {
        "head_photo": False,
        "deputy_photo": False,
        "vision_id": False,
        "vision_en": False,
        "mission_id": 1,
        "mission_en": 0,
        "theme:pendidikan": 0,
        "theme:kesehatan": 1,
        "theme:lingkungan": 0,
        "documents": 0,
        "source_link": False,
    }


def test_the_report_names_the_columns_where_pairs_are_treated_unequally(uneven_pairs):
    (contest,) = parity_report()

    assert contest.uneven == {
        "head_photo",
        "deputy_photo",
        "vision_id",
        "vision_en",
        "mission_id",
        "mission_en",
        "theme:pendidikan",
        "documents",
        "source_link",
    }
    assert contest.rows[0].missing == ["theme:lingkungan"]


def test_pairs_with_the_same_information_are_even(make_pair, themes):
    make_pair(1)
    make_pair(2)

    (contest,) = parity_report()

    assert contest.uneven == set()
    assert [column.key for column in contest.columns][6:9] == [
        "theme:pendidikan",
        "theme:kesehatan",
        "theme:lingkungan",
    ]


def test_the_report_lists_every_contest_with_its_pairs_in_ballot_order(make_pair, make_contest):
    make_pair(2)
    make_pair(1)
    governor = make_contest(slug="gubernur-contoh", order=2, level="provinsi")

    report = parity_report()

    assert [(c.contest.slug, [row.pair.ballot_number for row in c.rows]) for c in report] == [
        ("walikota-contoh", [1, 2]),
        (governor.slug, []),
    ]


def test_the_report_runs_a_fixed_number_of_queries(django_assert_num_queries, uneven_pairs, make_pair):
    with django_assert_num_queries(5):
        parity_report()

    make_pair(3)
    make_pair(4)
    with django_assert_num_queries(5):
        parity_report()
