"""A light Indonesian stemmer for site search: "dicoblos", "mencoblos", "pencoblosan" -> "coblos".

Search compares stems, so a reader's word finds the same word with other affixes. The rules are
the common ones (Nazief and Adriani, simplified): particles (-lah, -kah, -pun), possessives
(-nya, -ku, -mu), suffixes (-kan, -an), then up to two prefixes (di-, ke-, se-, ter-, ber-, per-,
me- and pe- with their nasal forms, e.g. memilih -> pilih, menulis -> tulis). A rule applies only
when at least four letters remain, so short roots such as "berita" or "terima" stay whole. Query
and text go through the same function, so a stem need not be a dictionary word, only the same
on both sides.
"""

from functools import lru_cache

MIN_ROOT = 4
PARTICLES = ("lah", "kah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
SUFFIXES = ("kan", "an")
VOWELS = set("aeiou")


def _strip_end(word, endings):
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return word[: -len(ending)]
    return word


def _nasal(word, head):
    """What ``word`` was before meN-/peN- (``head`` is "me" or "pe"), or None when it does not start so."""
    rest = word[len(head) :]
    if rest.startswith("ng"):
        return rest[2:]  # mengambil -> ambil, penghitung -> hitung
    if rest.startswith("ny") and rest[2:3] in VOWELS:
        return "s" + rest[2:]  # menyampaikan -> sampaikan
    if rest.startswith("m"):
        after = rest[1:]
        return ("p" + after) if after[:1] in VOWELS else after  # memilih -> pilih, membaca -> baca
    if rest.startswith("n"):
        after = rest[1:]
        return ("t" + after) if after[:1] in VOWELS else after  # menulis -> tulis, mencoblos -> coblos
    if rest[:1] in set("lrwy"):
        return rest  # melihat -> lihat
    return None


def _strip_prefix(word):
    for prefix in ("di", "ke", "se", "ter", "ber", "per"):
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_ROOT:
            return word[len(prefix) :]
    for head in ("me", "pe"):
        if word.startswith(head):
            root = _nasal(word, head)
            if root is not None and len(root) >= MIN_ROOT:
                return root
    return word


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of one folded word (lower case, no accents); numbers and short words unchanged."""
    if len(word) <= MIN_ROOT or not word.isalpha():
        return word
    word = _strip_end(word, PARTICLES)
    word = _strip_end(word, POSSESSIVES)
    word = _strip_end(word, SUFFIXES)
    for _step in range(2):
        shorter = _strip_prefix(word)
        if shorter == word:
            break
        word = shorter
    return word
