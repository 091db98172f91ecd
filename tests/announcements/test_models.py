from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from announcements.models import Announcement, Attachment, Status, Verdict
from announcements.models.attachments import PDF_MAX_BYTES
from elections.models import Election, Stage
from tests.support.files import PDF

from .conftest import NOW, PAST, SOON, XSS_TEXT, fragment_problems

pytestmark = pytest.mark.django_db


def test_published_holds_only_published_items_whose_time_has_come(make_announcement):
    live = make_announcement()
    make_announcement(status=Status.DRAFT)
    make_announcement(status=Status.REVIEW)
    make_announcement(publish_at=SOON)

    assert list(Announcement.objects.published()) == [live]


def test_a_scheduled_item_appears_at_its_publication_time_without_anyone_acting(make_announcement):
    scheduled = make_announcement(publish_at=SOON)

    assert scheduled not in Announcement.objects.published(at=SOON - timedelta(seconds=1))
    assert scheduled in Announcement.objects.published(at=SOON)


def test_published_defaults_to_the_portal_clock(make_announcement, settings):
    scheduled = make_announcement(publish_at=SOON)

    settings.PORTAL_CLOCK = (SOON + timedelta(minutes=1)).isoformat()

    assert scheduled in Announcement.objects.published()


def test_publishing_without_a_time_publishes_at_the_current_moment(make_announcement):
    announcement = make_announcement(status=Status.PUBLISHED, publish_at=None)

    assert announcement.publish_at == NOW
    assert announcement.is_live()


def test_the_database_refuses_a_published_item_without_a_time(make_announcement):
    announcement = make_announcement()

    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.filter(pk=announcement.pk).update(publish_at=None)


def test_the_database_refuses_an_unknown_status_or_category(make_announcement):
    announcement = make_announcement()

    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.filter(pk=announcement.pk).update(status="live")
    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.filter(pk=announcement.pk).update(category="gosip")


def test_body_is_stored_as_sanitised_html_in_both_languages(make_announcement):
    announcement = make_announcement(body_ind=f"**Penting**\n\n{XSS_TEXT}", body_en=XSS_TEXT)

    assert "<strong>Penting</strong>" in announcement.body_html_ind
    assert fragment_problems(announcement.body_html_ind) == []
    assert fragment_problems(announcement.body_html_en) == []


def test_translated_fields_follow_the_language_and_fall_back_to_indonesian(make_announcement):
    announcement = make_announcement(title_ind="Hari pemungutan suara", title_en="Polling day", summary_en="")

    with translation.override("en"):
        assert announcement.title == "Polling day"
        assert announcement.summary == "Ringkasan dalam bahasa Indonesia."
    with translation.override("id"):
        assert announcement.title == "Hari pemungutan suara"


def test_a_cover_photo_needs_a_description(make_announcement):
    announcement = make_announcement()
    announcement.cover = "announcements/2024/10/foto.jpg"

    with pytest.raises(ValidationError) as error:
        announcement.clean()
    assert "cover_alt_ind" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.filter(pk=announcement.pk).update(cover="announcements/2024/10/foto.jpg")


def test_a_stage_must_belong_to_the_linked_election(make_announcement):
    pilkada = Election.objects.create(slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27))
    other = Election.objects.create(slug="pemilu-2029", name="Pemilu 2029", voting_day=date(2029, 2, 14))
    stage = Stage.objects.create(
        election=other, order=1, name="Kampanye", start=date(2029, 1, 1), end=date(2029, 2, 10), source="PKPU"
    )
    announcement = make_announcement(election=pilkada, stage=stage)

    with pytest.raises(ValidationError) as error:
        announcement.clean()
    assert "stage" in error.value.message_dict


def _attachment(make_announcement, content, name="surat-edaran.pdf"):
    return Attachment(
        announcement=make_announcement(), title_ind="Surat edaran", file=SimpleUploadedFile(name, content)
    )


def test_a_real_pdf_is_accepted_and_stored_under_a_random_name(make_announcement):
    attachment = _attachment(make_announcement, PDF, name="Surat Edaran Rahasia.pdf")

    attachment.full_clean()
    attachment.save()

    assert attachment.size == len(PDF)
    assert attachment.file.name.startswith("attachments/") and attachment.file.name.endswith(".pdf")
    assert "Rahasia" not in attachment.file.name
    assert attachment.download_name() == "surat-edaran.pdf"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a\x01\x00\x01\x00", "gambar.pdf"),
        (b"<html><script>alert(1)</script></html>", "halaman.pdf"),
        (b"MZ\x90\x00 executable", "program.pdf"),
        (PDF, "dokumen.pdf.exe"),
        (b"", "kosong.pdf"),
    ],
)
def test_anything_but_a_pdf_is_refused(make_announcement, content, name):
    attachment = _attachment(make_announcement, content, name=name)

    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "file" in error.value.message_dict


def test_a_pdf_over_10_mb_is_refused(make_announcement):
    attachment = _attachment(make_announcement, PDF + b"0" * PDF_MAX_BYTES)

    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "10 MB" in " ".join(error.value.message_dict["file"])


def test_evidence_links_are_validated_line_by_line(make_fact_check):
    fact_check = make_fact_check(evidence="KPU RI | https://www.kpu.go.id/\nbukan tautan")

    with pytest.raises(ValidationError) as error:
        fact_check.full_clean()
    assert "2" in " ".join(error.value.message_dict["evidence"])


def test_evidence_links_read_labels_and_drop_anything_but_web_links(make_fact_check):
    fact_check = make_fact_check(
        evidence="KPU RI | https://www.kpu.go.id/\nhttps://bawaslu.go.id/\nJebakan | javascript:alert(1)"
    )

    assert fact_check.evidence_links == [
        ("KPU RI", "https://www.kpu.go.id/"),
        ("https://bawaslu.go.id/", "https://bawaslu.go.id/"),
    ]


def test_public_versions_never_include_drafts_or_unpublished_schedules(make_announcement):
    announcement = make_announcement(status=Status.DRAFT, title_ind="Draf rahasia")
    announcement.title_ind = "Jadwal yang tidak pernah tayang"
    announcement.status = Status.PUBLISHED
    announcement.publish_at = NOW.replace(year=2999)
    announcement.save()
    announcement.title_ind = "Versi pertama"
    announcement.publish_at = PAST
    announcement.save()
    announcement.title_ind = "Versi kedua"
    announcement.correction_note_ind = "Judul diperbaiki."
    announcement.corrected_at = NOW
    announcement.save()

    with translation.override("id"):
        versions = announcement.public_versions()
        titles = [version.item.title for version in versions]

    assert titles == ["Versi kedua", "Versi pertama"]
    assert versions[0].since == NOW
    assert versions[1].since == PAST
    assert versions[0].changed == [Announcement._meta.get_field("title").verbose_name]


def test_bookkeeping_changes_do_not_make_a_new_version(make_announcement):
    announcement = make_announcement()
    announcement.pinned = True
    announcement.save()
    announcement.status = Status.DRAFT
    announcement.save()
    announcement.status = Status.PUBLISHED
    announcement.save()

    assert len(announcement.public_versions()) == 1


def test_fact_check_verdicts_map_to_the_claim_review_scale():
    ratings = {verdict.value: verdict.rating for verdict in Verdict}

    assert ratings == {"hoaks": 1, "menyesatkan": 2, "kurang-konteks": 3, "benar": 4}


def test_in_review_and_scheduled_are_what_the_dashboard_counts(make_announcement):
    review = make_announcement(status=Status.REVIEW)
    scheduled = make_announcement(publish_at=SOON)
    live = make_announcement(publish_at=PAST)

    assert list(Announcement.objects.in_review()) == [review]
    assert list(Announcement.objects.scheduled(at=NOW)) == [scheduled]
    assert live not in Announcement.objects.scheduled(at=NOW)
