"""The light Indonesian stemmer behind site search."""

import pytest

from core.stemming import stem


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("dicoblos", "coblos"),
        ("mencoblos", "coblos"),
        ("tercoblos", "coblos"),
        ("pencoblosan", "coblos"),
        ("coblosnya", "coblos"),
        ("memilih", "pilih"),
        ("pemilihan", "pilih"),
        ("menulis", "tulis"),
        ("penghitungan", "hitung"),
        ("berkampanye", "kampanye"),
        ("dilaporkan", "lapor"),
    ],
)
def test_common_affixes_come_off(word, root):
    assert stem(word) == root


@pytest.mark.parametrize("word", ["berita", "terima", "dinas", "tps", "2024", "suara"])
def test_short_roots_and_numbers_stay_whole(word):
    assert stem(word) == word
