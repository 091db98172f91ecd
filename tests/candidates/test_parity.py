import pytest

from candidates.models import PairDocument
from candidates.parity import CONTENT, parity_report, stored_content, uneven_content, with_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def uneven_pairs(make_pair, themes, add_programme, add_background, photo_upload):
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
    add_programme(first, themes[2], "Visi contoh yang diberitakan", kind="vision")
    add_programme(first, themes[1], "Misi contoh yang diberitakan", kind="mission")
    add_background(first, "Pegawai contoh", role="head")
    add_background(first, "Guru contoh", role="deputy")
    add_background(first, "Pedagang contoh", role="deputy")
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
        "points:vision": 1,
        "points:mission": 1,
        "theme:pendidikan": 2,
        "theme:kesehatan": 1,
        "theme:lingkungan": 0,
        "documents": 1,
        "background:head": 1,
        "background:deputy": 2,
        "source_link": True,
    }
    assert second == {
        "head_photo": False,
        "deputy_photo": False,
        "vision_id": False,
        "vision_en": False,
        "mission_id": 1,
        "mission_en": 0,
        "points:vision": 0,
        "points:mission": 0,
        "theme:pendidikan": 0,
        "theme:kesehatan": 1,
        "theme:lingkungan": 0,
        "documents": 0,
        "background:head": 0,
        "background:deputy": 0,
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
        "points:vision",
        "points:mission",
        "theme:pendidikan",
        "documents",
        "background:head",
        "background:deputy",
        "source_link",
    }
    assert contest.rows[0].missing == ["theme:lingkungan"]


def test_pairs_with_the_same_information_are_even(make_pair, themes):
    make_pair(1)
    make_pair(2)

    (contest,) = parity_report()

    assert contest.uneven == set()
    assert [column.key for column in contest.columns][8:11] == [
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
    with django_assert_num_queries(6):
        parity_report()

    make_pair(3)
    make_pair(4)
    with django_assert_num_queries(6):
        parity_report()


def content_of(pair):
    return stored_content(with_content(type(pair).objects.filter(pk=pair.pk)).get())


def test_stored_content_counts_each_kind_readers_see(uneven_pairs):
    first, second = uneven_pairs

    assert content_of(first) == {
        "head_photo": 1,
        "deputy_photo": 1,
        "vision": 1,
        "mission": 3,
        "points:vision": 1,
        "points:mission": 1,
        "points:programme": 3,
        "documents": 1,
        "backgrounds": 3,
    }
    assert list(content_of(second).values()) == [0, 0, 0, 1, 0, 0, 1, 0, 0]
    assert [column.key for column in CONTENT] == list(content_of(second))


def test_adding_what_another_pair_lacks_is_uneven_and_names_every_other_pair(uneven_pairs, make_pair):
    first, second = uneven_pairs
    third = make_pair(3)
    before = content_of(second)
    after = before | {"documents": 1, "points:programme": 2}

    (programmes, documents) = uneven_content(second.contest, second.pk, before, after)

    assert (documents.column.key, documents.count) == ("documents", 1)
    assert [(pair.ballot_number, count) for pair, count in documents.others] == [(1, 1), (3, 0)]
    assert documents.lacking == [third]
    assert programmes.column.key == "points:programme"


def test_filling_a_gap_or_changing_without_adding_is_not_uneven(uneven_pairs):
    first, second = uneven_pairs
    before = content_of(second)

    # Pair 2 gets a document pair 1 already has: nobody lacks it.
    assert uneven_content(second.contest, second.pk, before, before | {"documents": 1}) == []
    # Pair 1 saves what it already had, or less of it.
    before = content_of(first)
    assert uneven_content(first.contest, first.pk, before, before) == []
    assert uneven_content(first.contest, first.pk, before, before | {"backgrounds": 1}) == []


def test_adding_more_of_what_another_pair_lacks_deepens_the_imbalance(uneven_pairs):
    first, _second = uneven_pairs
    before = content_of(first)

    (found,) = uneven_content(first.contest, first.pk, before, before | {"backgrounds": 4})

    assert found.column.key == "backgrounds" and found.count == 4
