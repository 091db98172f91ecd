"""The staff screens, driven through the test client as a signed-in superuser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from candidates.models import Candidate, CandidatePair, Theme

from .photos import photo_bytes

pytestmark = pytest.mark.django_db

ADD = "/admin/candidates/candidatepair/add/"


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    # The admin speaks English here, so messages can be matched word for word.
    client.cookies["django_language"] = "en"
    return client


def management(prefix, total, initial=0, max_num=1000):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": max_num,
    }


def person(index, role, name, **fields):
    data = {"role": role, "full_name": name, "education_ind": "", "career_ind": "", "photo_alt_ind": ""}
    return {f"candidates-{index}-{key}": value for key, value in {**data, **fields}.items()}


def pair_data(
    contest,
    parties,
    number=1,
    head="Contoh Calon Satu",
    deputy="Contoh Wakil Satu",
    vision="Kota contoh yang sejahtera",
    mission="Misi contoh pertama\nMisi contoh kedua",
):
    """What the add form posts for a fictional pair, with no points, documents or backgrounds."""
    return {
        "contest": contest.pk,
        "ballot_number": number,
        "slug": "",
        "parties": [p.pk for p in parties],
        "vision_ind": vision,
        "vision_en": "",
        "mission_ind": mission,
        "mission_en": "",
        "record_note_ind": "",
        "record_note_en": "",
        "source": "Contoh: keputusan KPU fiktif",
        "source_url": "",
        "as_of": "2024-09-23",
        **management("candidates", 2, max_num=2),
        **person(0, "head", head),
        **person(1, "deputy", deputy),
        **management("backgrounds", 0),
        **management("programmes", 0),
        **management("documents", 0),
        "_save": "Save",
    }


def point(index, theme, title, kind="programme", **fields):
    """One sourced point as the pair screen posts it."""
    data = {
        "kind": kind,
        "theme": theme.pk,
        "order": 1,
        "title_ind": title,
        "title_en": "",
        "description_ind": "",
        "description_en": "",
        "source": "contoh.example",
        "source_url": "https://contoh.example/berita",
        "as_of": "2024-10-23",
        "note_ind": "",
        "note_en": "",
        "page_reference": "",
        **fields,
    }
    return {f"programmes-{index}-{key}": value for key, value in data.items()}


def stored_files(settings):
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def errors(response):
    context = response.context
    found = [str(e) for e in context["adminform"].form.errors.values()] if "adminform" in context else []
    for formset in context.get("inline_admin_formsets", []):
        found += [str(e) for e in formset.formset.errors if e] + [
            str(e) for e in formset.formset.non_form_errors()
        ]
    return " ".join(found)


def test_the_add_screen_offers_both_roles_on_one_screen(staff):
    html = staff.get(ADD).content.decode()

    assert 'name="candidates-0-role"' in html and 'name="candidates-1-role"' in html
    assert '<option value="head" selected>' in html
    assert '<option value="deputy" selected>' in html
    assert 'name="programmes-TOTAL_FORMS"' in html and 'name="documents-TOTAL_FORMS"' in html
    assert 'name="vision_ind"' in html and 'name="vision_en"' in html


def test_a_pair_with_its_people_programme_and_document_is_added_in_one_save(staff, contest, parties, themes):
    data = pair_data(contest, parties)
    data.update(management("programmes", 1))
    data.update(point(0, themes[1], "Puskesmas contoh 24 jam", title_en="Example 24-hour clinics"))
    data.update(management("documents", 1))
    data.update(
        {
            "documents-0-title_ind": "Dokumen visi misi contoh",
            "documents-0-title_en": "",
            "documents-0-url": "https://kpu.example/visi-misi.pdf",
            "documents-0-publisher": "KPU Contoh",
        }
    )

    response = staff.post(ADD, data)

    assert response.status_code == 302, errors(response)
    pair = CandidatePair.objects.get()
    assert pair.names == "Contoh Calon Satu & Contoh Wakil Satu"
    assert pair.slug == "contoh-calon-satu-contoh-wakil-satu"
    assert set(pair.parties.all()) == set(parties)
    programme = pair.programmes.get()
    assert (programme.title_ind, programme.kind, programme.source) == (
        "Puskesmas contoh 24 jam",
        "programme",
        "contoh.example",
    )
    assert pair.documents.get().publisher == "KPU Contoh"
    assert pair.history.count() >= 1


def test_a_slug_typed_by_staff_is_kept(staff, contest, parties):
    data = pair_data(contest, parties) | {"slug": "paslon-contoh"}

    staff.post(ADD, data)

    assert CandidatePair.objects.get().slug == "paslon-contoh"


def test_two_heads_in_one_pair_are_refused(staff, contest, parties):
    data = pair_data(contest, parties) | person(1, "head", "Contoh Wakil Satu")

    response = staff.post(ADD, data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for role" in errors(response)
    assert not CandidatePair.objects.exists()


def test_a_pair_without_a_deputy_is_refused(staff, contest, parties):
    data = pair_data(contest, parties) | person(1, "deputy", "")

    response = staff.post(ADD, data)

    assert response.status_code == 200
    assert "A pair needs exactly one head candidate and one deputy candidate." in errors(response)
    assert not CandidatePair.objects.exists()


def test_a_ballot_number_taken_in_the_contest_is_refused_with_a_clear_message(
    staff, contest, parties, make_pair
):
    make_pair(1)

    response = staff.post(
        ADD, pair_data(contest, parties, head="Contoh Calon Lain", deputy="Contoh Wakil Lain")
    )

    assert response.status_code == 200
    assert "Another pair in this contest already has this number." in errors(response)
    assert CandidatePair.objects.count() == 1


def change_data(pair, **head_fields):
    """What the pair screen posts for a stored pair (without its points, documents or backgrounds)."""
    head, deputy = pair.ordered_candidates()
    data = pair_data(
        pair.contest,
        list(pair.parties.all()),
        number=pair.ballot_number,
        vision=pair.vision_ind or "",
        mission=pair.mission_ind or "",
    )
    data.update({"slug": pair.slug, **management("candidates", 2, initial=2, max_num=2)})
    data.update(person(0, "head", head.full_name, id=head.pk, pair=pair.pk, **head_fields))
    data.update(person(1, "deputy", deputy.full_name, id=deputy.pk, pair=pair.pk))
    return data


def test_a_photo_uploaded_in_the_admin_is_stored_re_encoded_with_renditions(staff, make_pair, settings):
    pair = make_pair(1)
    upload = photo_bytes(size=(800, 1000))
    data = change_data(
        pair,
        photo=SimpleUploadedFile("IMG_2024_lokasi.jpg", upload, content_type="image/jpeg"),
        photo_alt_ind="Potret fiktif Contoh Calon Satu",
        photo_source="Contoh",
    )
    response = staff.post(reverse("admin:candidates_candidatepair_change", args=[pair.pk]), data)

    assert response.status_code == 302, errors(response)
    head = Candidate.objects.get(pair=pair, role="head")
    assert "IMG_2024" not in head.photo.name
    with head.photo.open("rb") as stored, Image.open(stored) as image:
        assert dict(image.getexif()) == {}
    assert [r["width"] for r in head.photo_renditions["webp"]] == [160, 320, 640]

    listing = staff.get("/admin/candidates/candidatepair/").content.decode()
    assert (
        f'<img src="{head.picture.src}" width="48" height="60" alt="Potret fiktif Contoh Calon Satu">'
        in listing
    )
    assert "CW (no photo)" in listing


def test_a_photo_without_a_description_is_refused_in_the_admin(staff, make_pair, settings):
    pair = make_pair(1)
    data = change_data(pair, photo=SimpleUploadedFile("potret.jpg", photo_bytes(), content_type="image/jpeg"))
    response = staff.post(reverse("admin:candidates_candidatepair_change", args=[pair.pk]), data)

    assert response.status_code == 200
    assert "Describe the photo for readers who cannot see it." in errors(response)
    assert stored_files(settings) == []


def test_a_file_that_is_not_a_photo_is_refused_in_the_admin_and_nothing_is_stored(staff, make_pair, settings):
    pair = make_pair(1)
    whole = photo_bytes(size=(600, 600))
    truncated = whole[: len(whole) // 2]
    data = change_data(
        pair,
        photo=SimpleUploadedFile("potret.jpg", truncated, content_type="image/jpeg"),
        photo_alt_ind="Potret fiktif",
    )
    response = staff.post(reverse("admin:candidates_candidatepair_change", args=[pair.pk]), data)

    assert response.status_code == 200
    assert "This file is not a complete JPEG, PNG or WebP photo." in errors(response)
    assert not Candidate.objects.get(pair=pair, role="head").photo
    assert stored_files(settings) == []


def test_the_pair_list_links_to_the_parity_report(staff, make_pair):
    make_pair(1)

    html = staff.get("/admin/candidates/candidatepair/").content.decode()

    assert 'href="/admin/candidates/candidatepair/parity/"' in html
    assert "Contoh Calon Satu &amp; Contoh Wakil Satu" in html


def test_the_parity_report_shows_what_each_pair_lacks(staff, make_pair, themes, add_programme):
    first = make_pair(1, vision="Visi contoh")
    make_pair(2)
    add_programme(first, themes[0], "Program contoh")

    response = staff.get("/admin/candidates/candidatepair/parity/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Wali Kota dan Wakil Wali Kota Kota Contoh" in html or "Mayor and Deputy Mayor Contoh City" in html
    assert "uneven" in html and "missing" in html
    assert [row[0].ballot_number for row in response.context["report"][0].table()] == [1, 2]


def test_the_parity_report_is_for_staff_only(client):
    response = client.get("/admin/candidates/candidatepair/parity/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/candidates/party/",
        "/admin/candidates/theme/",
        "/admin/candidates/party/add/",
        "/admin/candidates/programme/?kind__exact=vision",
        "/admin/candidates/background/",
        ADD,
    ],
)
def test_the_other_candidate_screens_open(staff, make_pair, themes, add_programme, add_background, url):
    pair = make_pair(1)
    add_programme(pair, themes[0], "Visi contoh", kind="vision")
    add_background(pair, "Pegawai contoh")

    assert staff.get(url).status_code == 200


def test_staff_can_add_a_theme_in_both_languages(staff):
    response = staff.post(
        "/admin/candidates/theme/add/",
        {"name_ind": "Pariwisata", "name_en": "Tourism", "slug": "pariwisata", "order": 7, "_save": "Save"},
    )

    assert response.status_code == 302
    with translation.override("en"):
        assert str(Theme.objects.get(slug="pariwisata")) == "Tourism"


def test_the_pair_screen_lists_points_vision_first_then_mission_then_programmes(
    staff, make_pair, themes, add_programme
):
    pair = make_pair(1)
    add_programme(pair, themes[0], "Program contoh", order=1)
    add_programme(pair, themes[2], "Misi contoh", kind="mission", order=1)
    add_programme(pair, themes[1], "Visi contoh", kind="vision", order=1)

    html = staff.get(reverse("admin:candidates_candidatepair_change", args=[pair.pk])).content.decode()

    assert (
        html.index('value="Visi contoh"')
        < html.index('value="Misi contoh"')
        < html.index('value="Program contoh"')
    )
    assert 'name="backgrounds-TOTAL_FORMS"' in html and 'name="programmes-0-source_url"' in html


def test_a_background_is_added_on_the_pair_screen_with_its_source(staff, make_pair):
    pair = make_pair(1)
    data = change_data(pair)
    data.update(management("backgrounds", 1))
    data.update(
        {
            "backgrounds-0-role": "deputy",
            "backgrounds-0-order": 1,
            "backgrounds-0-text_ind": "Guru contoh",
            "backgrounds-0-text_en": "Example teacher",
            "backgrounds-0-source": "contoh.example",
            "backgrounds-0-source_url": "https://contoh.example/profil",
            "backgrounds-0-as_of": "2024-05-08",
            "backgrounds-0-note_ind": "",
            "backgrounds-0-note_en": "",
        }
    )

    response = staff.post(reverse("admin:candidates_candidatepair_change", args=[pair.pk]), data)

    assert response.status_code == 302, errors(response)
    (deputy_entry,) = pair.candidates.get(role="deputy").reported_background
    assert (deputy_entry.text_en, deputy_entry.source) == ("Example teacher", "contoh.example")
    assert deputy_entry.history.count() == 1


# Fairness before publishing --------------------------------------------------------------------


@pytest.fixture
def two_pairs(make_pair):
    return make_pair(1), make_pair(2)


def change(staff, pair, data):
    return staff.post(reverse("admin:candidates_candidatepair_change", args=[pair.pk]), data)


def with_programme(pair, themes, **confirmation):
    data = change_data(pair) | management("programmes", 1) | point(0, themes[0], "Program contoh")
    return data | confirmation


def test_adding_a_point_another_pair_lacks_asks_first_and_saves_nothing(staff, two_pairs, themes):
    first, second = two_pairs
    versions = first.history.count()

    response = change(staff, first, with_programme(first, themes))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the other pairs before publishing" in html
    assert "Programme points with sources" in html
    assert f"{second}: <strong>none</strong>" in html
    assert 'name="confirm_uneven"' in html and 'name="uneven_reason"' in html
    assert "Another pair of this contest has none of what this save adds" in errors(response)
    assert not first.programmes.exists() and first.history.count() == versions


def test_the_confirmation_without_a_reason_is_refused_and_saves_nothing(staff, two_pairs, themes):
    first, _second = two_pairs

    response = change(staff, first, with_programme(first, themes, confirm_uneven="on"))

    assert response.status_code == 200
    assert "Give the reason for publishing anyway; it is kept in the history." in errors(response)
    assert not first.programmes.exists()


def test_a_reason_without_the_confirmation_box_is_refused(staff, two_pairs, themes):
    first, _second = two_pairs

    response = change(staff, first, with_programme(first, themes, uneven_reason="Pasangan 2 belum mengirim"))

    assert response.status_code == 200
    assert not first.programmes.exists()


def test_confirmed_with_a_reason_it_saves_and_keeps_the_reason_in_the_history(staff, two_pairs, themes):
    first, _second = two_pairs
    reason = "Pasangan 2 belum menerbitkan program; dicek 1 Okt"

    response = change(
        staff, first, with_programme(first, themes, confirm_uneven="on", uneven_reason=f"  {reason} ")
    )

    assert response.status_code == 302, errors(response)
    programme = first.programmes.get()
    assert first.history.first().history_change_reason == reason
    assert programme.history.first().history_change_reason == reason


def test_an_official_vision_for_one_pair_only_asks_first(staff, two_pairs):
    first, _second = two_pairs
    data = change_data(first) | {"vision_ind": "Kota contoh yang sejahtera"}

    response = change(staff, first, data)

    assert response.status_code == 200
    assert "Vision (official text)" in response.content.decode()
    first.refresh_from_db()
    assert not first.vision_ind


def test_a_new_pair_with_content_the_others_lack_asks_first(staff, two_pairs, contest, parties):
    data = pair_data(contest, parties, number=3, head="Contoh Calon Tiga", deputy="Contoh Wakil Tiga")

    response = staff.post(ADD, data)

    assert response.status_code == 200
    assert "Vision (official text)" in response.content.decode()
    assert not CandidatePair.objects.filter(ballot_number=3).exists()


def test_saving_without_adding_anything_uneven_needs_no_confirmation(staff, two_pairs, themes, add_programme):
    first, second = two_pairs
    add_programme(first, themes[0], "Program contoh")
    add_programme(first, themes[1], "Program lain")

    # Pair 2 gets what pair 1 already has: it fills a gap.
    assert change(staff, second, with_programme(second, themes)).status_code == 302
    # Pair 1 changes only its slug: it adds nothing, so its lead does not grow.
    data = change_data(first) | {"slug": "contoh-baru"}
    response = change(staff, first, data)
    assert response.status_code == 302, errors(response)
    first.refresh_from_db()
    assert first.slug == "contoh-baru" and first.history.first().history_change_reason is None
