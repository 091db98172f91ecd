"""The staff screens, driven through the test client as a signed-in superuser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from candidates.models import Candidate, CandidatePair, Programme, Theme

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


def pair_data(contest, parties, number=1, head="Contoh Calon Satu", deputy="Contoh Wakil Satu"):
    """What the add form posts for a fictional pair with one programme and one document."""
    return {
        "contest": contest.pk,
        "ballot_number": number,
        "slug": "",
        "parties": [p.pk for p in parties],
        "vision_ind": "Kota contoh yang sejahtera",
        "vision_en": "",
        "mission_ind": "Misi contoh pertama\nMisi contoh kedua",
        "mission_en": "",
        "source": "Contoh: keputusan KPU fiktif",
        "source_url": "",
        "as_of": "2024-09-23",
        **management("candidates", 2, max_num=2),
        **person(0, "head", head),
        **person(1, "deputy", deputy),
        **management("programmes", 0),
        **management("documents", 0),
        "_save": "Save",
    }


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
    data.update(
        {
            "programmes-0-theme": themes[1].pk,
            "programmes-0-order": 1,
            "programmes-0-title_ind": "Puskesmas contoh 24 jam",
            "programmes-0-title_en": "Example 24-hour clinics",
            "programmes-0-description_ind": "",
            "programmes-0-description_en": "",
            "programmes-0-page_reference": "hlm. 3",
        }
    )
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
    assert pair.programmes.get().title_ind == "Puskesmas contoh 24 jam"
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
    head, deputy = pair.ordered_candidates()
    data = pair_data(pair.contest, list(pair.parties.all()), number=pair.ballot_number)
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
    "url", ["/admin/candidates/party/", "/admin/candidates/theme/", "/admin/candidates/party/add/", ADD]
)
def test_the_other_candidate_screens_open(staff, make_pair, themes, url):
    make_pair(1)

    assert staff.get(url).status_code == 200


def test_staff_can_add_a_theme_in_both_languages(staff):
    response = staff.post(
        "/admin/candidates/theme/add/",
        {"name_ind": "Pariwisata", "name_en": "Tourism", "slug": "pariwisata", "order": 7, "_save": "Save"},
    )

    assert response.status_code == 302
    with translation.override("en"):
        assert str(Theme.objects.get(slug="pariwisata")) == "Tourism"


def test_programmes_keep_their_theme_order_in_the_admin(staff, make_pair, themes, add_programme):
    pair = make_pair(1)
    add_programme(pair, themes[2], "Program lingkungan")
    add_programme(pair, themes[0], "Program pendidikan")

    assert [p.theme.slug for p in Programme.objects.filter(pair=pair)] == ["pendidikan", "lingkungan"]
