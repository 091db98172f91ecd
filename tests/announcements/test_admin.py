import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from announcements.models import Announcement, Attachment, FactCheck, Status, Verdict
from tests.support.announcement_forms import announcement_form, change_url, form_for, preview_url
from tests.support.files import PDF

from .conftest import NOW, PAST

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/announcements/announcement/add/"
LIST_URL = "/admin/announcements/announcement/"


# Editors ----------------------------------------------------------------------------------------


def test_editor_can_write_and_submit_for_review_and_becomes_the_author(client, editor):
    client.force_login(editor)

    response = client.post(ADD_URL, announcement_form(status=Status.REVIEW))

    assert response.status_code == 302
    announcement = Announcement.objects.get(slug="hari-pemungutan-suara")
    assert announcement.status == Status.REVIEW
    assert announcement.author == editor
    assert announcement.history.first().history_user == editor


def test_editor_form_offers_no_publishing(client, editor):
    client.force_login(editor)

    html = client.get(ADD_URL).content.decode()

    assert 'value="review"' in html
    assert 'value="published"' not in html
    assert 'name="publish_at_0"' not in html


def test_editor_cannot_publish_by_posting_the_status_directly(client, editor):
    client.force_login(editor)

    response = client.post(ADD_URL, announcement_form(status=Status.PUBLISHED))

    assert response.status_code == 200  # the form comes back with an error
    assert not Announcement.objects.exists()


def test_editor_cannot_publish_an_existing_draft_by_posting_the_status(client, editor, make_announcement):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)

    client.post(change_url(draft), form_for(draft, status=Status.PUBLISHED, publish_at_0="2024-10-01"))

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.publish_at is None


def test_editor_cannot_schedule_by_posting_a_time(client, editor, make_announcement):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)

    client.post(
        change_url(draft),
        form_for(draft, status=Status.REVIEW, publish_at_0="2024-11-01", publish_at_1="08:00"),
    )

    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert draft.publish_at is None


def test_editor_cannot_publish_through_an_action(client, editor, make_announcement):
    draft = make_announcement(status=Status.REVIEW, publish_at=None)
    client.force_login(editor)

    actions = client.get(LIST_URL).content.decode()
    client.post(LIST_URL, {"action": "publish_now", "_selected_action": [draft.pk]})

    assert 'value="publish_now"' not in actions
    assert 'value="submit_for_review"' in actions
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_editor_can_submit_drafts_for_review_through_an_action(client, editor, make_announcement):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)

    client.post(LIST_URL, {"action": "submit_for_review", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_editor_cannot_change_or_delete_a_published_item(client, editor, make_announcement):
    published = make_announcement()
    client.force_login(editor)

    page = client.get(change_url(published))
    response = client.post(
        change_url(published), form_for(published, status=Status.DRAFT, title_ind="Diubah")
    )
    deletion = client.post(
        reverse("admin:announcements_announcement_delete", args=[published.pk]), {"post": "yes"}
    )

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert response.status_code == 403
    assert deletion.status_code == 403
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and published.title_ind != "Diubah"


def test_reverting_from_the_history_screen_is_refused(client, publisher, make_announcement):
    announcement = make_announcement()
    record = announcement.history.first()
    client.force_login(publisher)
    url = reverse(
        "admin:announcements_announcement_simple_history", args=[announcement.pk, record.history_id]
    )

    assert client.get(url).status_code == 200
    assert client.post(url, form_for(announcement)).status_code == 403


# Publishers -------------------------------------------------------------------------------------


def test_publisher_can_schedule_and_the_list_marks_it(client, publisher, make_announcement):
    draft = make_announcement(status=Status.REVIEW, publish_at=None)
    client.force_login(publisher)

    response = client.post(
        change_url(draft),
        form_for(draft, status=Status.PUBLISHED, publish_at_0="2024-11-01", publish_at_1="08:00"),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_scheduled()
    assert "⏰" in client.get(LIST_URL).content.decode()


def test_publisher_can_publish_and_unpublish_through_actions(client, publisher, make_announcement):
    review = make_announcement(status=Status.REVIEW, publish_at=None)
    client.force_login(publisher)

    client.post(LIST_URL, {"action": "publish_now", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED and review.publish_at == NOW

    client.post(LIST_URL, {"action": "unpublish", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert review.status == Status.DRAFT


def test_publish_now_brings_a_scheduled_item_forward(client, publisher, make_announcement):
    scheduled = make_announcement(publish_at=NOW.replace(month=11))
    client.force_login(publisher)

    client.post(LIST_URL, {"action": "publish_now", "_selected_action": [scheduled.pk]})

    scheduled.refresh_from_db()
    assert scheduled.publish_at == NOW


# Corrections ------------------------------------------------------------------------------------


def test_changing_a_live_item_requires_a_reason(client, publisher, make_announcement):
    live = make_announcement()
    client.force_login(publisher)

    response = client.post(change_url(live), form_for(live, body_ind="Jam buka TPS 07.00."))

    assert response.status_code == 200
    assert "satu kalimat" in response.content.decode()
    live.refresh_from_db()
    assert live.body_ind != "Jam buka TPS 07.00."
    assert live.corrected_at is None


def test_a_correction_with_a_reason_is_shown_to_readers(client, publisher, make_announcement):
    live = make_announcement()
    client.force_login(publisher)

    response = client.post(
        change_url(live),
        form_for(
            live,
            body_ind="Jam buka TPS 07.00.",
            correction_note_ind="Jam buka TPS diperbaiki.",
            correction_note_en="Corrected the TPS opening time.",
        ),
    )

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.corrected_at == NOW
    assert live.history.first().history_change_reason == "Jam buka TPS diperbaiki."
    html = client.get(live.get_absolute_url()).content.decode()
    assert "Jam buka TPS diperbaiki." in html
    history = client.get(f"/id/pengumuman/{live.slug}/riwayat/").content.decode()
    assert "Isi pengumuman dengan <strong>huruf tebal</strong>." in history


def test_saving_a_live_item_unchanged_needs_no_reason_and_keeps_the_old_one(
    client, publisher, make_announcement
):
    live = make_announcement(correction_note_ind="Alasan lama.", corrected_at=PAST)
    client.force_login(publisher)

    response = client.post(change_url(live), form_for(live))

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.correction_note_ind == "Alasan lama."
    assert live.corrected_at == PAST


def test_editing_a_draft_needs_no_reason(client, editor, make_announcement):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)

    response = client.post(change_url(draft), form_for(draft, body_ind="Teks baru."))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body_ind == "Teks baru." and draft.corrected_at is None


# Preview and the admin screens ------------------------------------------------------------------


def test_staff_preview_a_draft_as_it_will_look_in_either_language(client, editor, make_announcement):
    draft = make_announcement(
        status=Status.DRAFT, publish_at=None, title_ind="Draf judul", title_en="Draft title"
    )
    client.force_login(editor)

    indonesian = client.get(preview_url(draft))
    english = client.get(preview_url(draft) + "?lang=en")

    assert indonesian.status_code == 200
    assert "<h1>Draf judul</h1>" in indonesian.content.decode()
    assert "Pratinjau untuk petugas" in indonesian.content.decode()
    assert "<h1>Draft title</h1>" in english.content.decode()
    assert "no-cache" in indonesian["Cache-Control"] or "private" in indonesian["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_preview_is_for_staff_with_permission_only(
    client, django_user_model, make_announcement, make_fact_check
):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    fact_check = make_fact_check(status=Status.DRAFT, publish_at=None)

    anonymous = client.get(preview_url(draft))
    client.force_login(
        django_user_model.objects.create_user("tamu", password="a-long-password-1", is_staff=True)
    )
    without_permission = client.get(preview_url(draft))

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert without_permission.status_code == 403
    assert client.get(preview_url(fact_check)).status_code == 403


def test_fact_check_preview_renders(client, publisher, make_fact_check):
    fact_check = make_fact_check(status=Status.REVIEW, publish_at=None, verdict=Verdict.MISSING_CONTEXT)
    client.force_login(publisher)

    html = client.get(preview_url(fact_check)).content.decode()

    assert "Kurang konteks" in html and "Pratinjau untuk petugas" in html


def test_admin_lists_filter_and_search(client, publisher, make_announcement, make_fact_check):
    make_announcement(title_ind="Politik uang dilarang", category="politik-uang")
    make_fact_check(title_ind="Mencoblos lewat WhatsApp")
    client.force_login(publisher)

    for url in [
        LIST_URL,
        LIST_URL + "?status__exact=published&category__exact=politik-uang",
        LIST_URL + "?q=uang",
        "/admin/announcements/factcheck/?verdict__exact=hoaks&q=WhatsApp",
        "/admin/announcements/factcheck/add/",
        ADD_URL,
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Politik uang dilarang" in client.get(LIST_URL + "?q=uang").content.decode()


def test_attachments_are_uploaded_inline_and_non_pdfs_are_refused(client, publisher):
    client.force_login(publisher)
    inline = {
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-title_ind": "Surat edaran",
        "attachments-0-order": "1",
    }

    refused = client.post(
        ADD_URL,
        {
            **announcement_form(),
            **inline,
            "attachments-0-file": SimpleUploadedFile("surat.pdf", b"GIF89a fake"),
        },
    )
    accepted = client.post(
        ADD_URL, {**announcement_form(), **inline, "attachments-0-file": SimpleUploadedFile("surat.pdf", PDF)}
    )

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert Attachment.objects.get().size == len(PDF)


def test_fact_check_workflow_uses_its_own_publish_permission(client, editor, make_fact_check):
    draft = make_fact_check(status=Status.REVIEW, publish_at=None)
    client.force_login(editor)

    client.post("/admin/announcements/factcheck/", {"action": "publish_now", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert not FactCheck.objects.published().exists()
