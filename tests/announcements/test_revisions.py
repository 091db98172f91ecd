"""Corrections proposed by an editor (announcements/models/revisions.py), end to end through the
admin: the editor proposes, edits and submits; readers keep the published version; a publisher
publishes it as a correction; the proposal never shows anywhere public."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from announcements.models import Announcement, FactCheck, Status
from tests.candidates.photos import photo_bytes
from tests.support.admin_forms import form_values

from .conftest import NOW, SOON

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/announcements/announcement/"
OLD_BODY = "TPS buka pukul 08.00 WITA."
NEW_BODY = "TPS buka pukul 07.00 WITA."
NOTE = "Jam buka TPS diperbaiki."


def admin_url(item, name="change"):
    return reverse(f"admin:announcements_{item._meta.model_name}_{name}", args=[item.pk])


def form_of(client, item, **changes):
    """The item's admin form as the browser would send it back, with ``changes``."""
    html = client.get(admin_url(item)).content.decode()
    return {**form_values(html, f"{item._meta.model_name}_form"), **changes, "_save": "Simpan"}


def propose(client, item):
    client.post(admin_url(item, "propose_correction"))
    return type(item).objects.get(revision_of=item)


def public_pages(client):
    """Every public place an announcement could be listed, in one string."""
    urls = [
        "/id/pengumuman/",
        "/id/pengumuman/feed/atom/",
        "/id/pengumuman/feed/rss/",
        "/id/cek-fakta/",
        "/id/cek-fakta/feed/atom/",
        "/sitemap.xml",
        "/id/cari/?q=TPS",
        "/api/v1/announcements",
        "/api/v1/fact-checks",
        "/id/",
    ]
    return "\n".join(client.get(url).content.decode() for url in urls)


@pytest.fixture
def live(make_announcement):
    return make_announcement(body_ind=OLD_BODY, body_en="Polling stations open at 08:00 WITA.")


# The whole flow ---------------------------------------------------------------------------------


def test_an_editor_proposes_a_correction_that_a_publisher_publishes(
    client, editor, publisher, live, committed
):
    slug = live.slug
    client.force_login(editor)
    read_only = client.get(admin_url(live)).content.decode()
    confirmation = client.get(admin_url(live, "propose_correction"))
    response = client.post(admin_url(live, "propose_correction"))
    revision = Announcement.objects.get(revision_of=live)

    assert "Usulkan koreksi" in read_only and 'name="_save"' not in read_only
    assert confirmation.status_code == 200 and Announcement.objects.count() == 2
    assert response["Location"] == admin_url(revision)
    assert (revision.status, revision.body_ind, revision.author) == (Status.DRAFT, OLD_BODY, editor)

    with committed():
        response = client.post(
            admin_url(revision),
            form_of(client, revision, body_ind=NEW_BODY, correction_note_ind=NOTE, status=Status.REVIEW),
        )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == Status.REVIEW
    # Readers still see the published version, and nothing of the proposal.
    assert OLD_BODY in client.get(live.get_absolute_url()).content.decode()
    assert NEW_BODY not in public_pages(client)
    assert client.get(f"/id/pengumuman/{revision.slug}/").status_code == 404

    client.force_login(publisher)
    review_list = client.get(LIST_URL, {"status__exact": "review"}).content.decode()
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert admin_url(revision) in review_list
    assert admin_url(revision) in dashboard and "usulan koreksi" in dashboard

    with committed():
        response = client.post(admin_url(revision), form_of(client, revision, status=Status.PUBLISHED))

    assert response.status_code == 302 and response["Location"] == admin_url(live)
    assert not Announcement.objects.filter(pk=revision.pk).exists()
    live.refresh_from_db()
    assert (live.body_ind, live.correction_note_ind, live.corrected_at) == (NEW_BODY, NOTE, NOW)
    assert live.status == Status.PUBLISHED and live.slug == slug
    record = live.history.first()
    assert (record.history_user, record.history_change_reason) == (publisher, NOTE)
    page = client.get(live.get_absolute_url()).content.decode()
    assert NEW_BODY in page and "Diperbarui pada" in page and NOTE in page
    change_log = client.get(live.get_history_url()).content.decode()
    assert OLD_BODY in change_log and NOTE in change_log  # the earlier version, and why it changed
    assert NEW_BODY in client.get("/id/pengumuman/feed/atom/").content.decode()


def test_a_fact_check_correction_is_published_with_the_action(
    client, editor, publisher, make_fact_check, caplog
):
    fact_check = make_fact_check(explanation_ind="Penjelasan lama.")
    client.force_login(editor)
    revision = propose(client, fact_check)
    client.post(
        admin_url(revision),
        form_of(
            client,
            revision,
            explanation_ind="Penjelasan yang benar.",
            correction_note_ind="Penjelasan diperjelas.",
            status=Status.REVIEW,
        ),
    )
    client.force_login(publisher)

    caplog.clear()
    with caplog.at_level("INFO", logger="portal.audit"):
        client.post(
            "/admin/announcements/factcheck/", {"action": "publish_now", "_selected_action": [revision.pk]}
        )

    fact_check.refresh_from_db()
    assert fact_check.explanation_ind == "Penjelasan yang benar."
    assert fact_check.correction_note_ind == "Penjelasan diperjelas." and fact_check.corrected_at == NOW
    assert fact_check.history.first().history_user == publisher
    assert not FactCheck.objects.filter(revision_of__isnull=False).exists()
    audit = [
        (r.event, r.slug, r.username)
        for r in caplog.records
        if getattr(r, "event", "").startswith("content.")
    ]
    assert audit == [("content.corrected", fact_check.slug, publisher.username)]


# Rules ------------------------------------------------------------------------------------------


def test_a_second_proposal_opens_the_first(client, editor, live):
    client.force_login(editor)
    first = propose(client, live)

    response = client.post(admin_url(live, "propose_correction"))

    assert response["Location"] == admin_url(first)
    assert Announcement.objects.filter(revision_of=live).count() == 1
    assert "Buka usulan koreksi" in client.get(admin_url(live)).content.decode()


def test_only_a_published_item_can_be_corrected_this_way(client, editor, make_announcement):
    draft = make_announcement(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)

    assert client.post(admin_url(draft, "propose_correction")).status_code == 404


def test_the_revision_slug_never_clashes(client, editor, live, make_announcement):
    make_announcement(slug=f"{live.slug}-koreksi")
    client.force_login(editor)

    revision = propose(client, live)

    assert revision.slug == f"{live.slug}-koreksi-2"


def test_the_revision_needs_the_reason_readers_will_see(client, editor, live):
    client.force_login(editor)
    revision = propose(client, live)

    response = client.post(admin_url(revision), form_of(client, revision, body_ind=NEW_BODY))

    assert response.status_code == 200
    assert "satu kalimat" in response.content.decode()
    revision.refresh_from_db()
    assert revision.body_ind == OLD_BODY


def test_the_revision_form_shows_only_what_a_correction_covers(client, editor, live):
    client.force_login(editor)
    revision = propose(client, live)

    html = client.get(admin_url(revision)).content.decode()

    assert 'name="body_ind"' in html and 'name="correction_note_ind"' in html
    assert 'name="slug"' not in html and 'name="pinned"' not in html and "attachments-TOTAL_FORMS" not in html
    assert live.get_absolute_url() in html  # what it corrects, linked


def test_an_editor_cannot_publish_the_revision(client, editor, live):
    client.force_login(editor)
    revision = propose(client, live)

    client.post(
        admin_url(revision),
        form_of(client, revision, body_ind=NEW_BODY, correction_note_ind=NOTE, status=Status.PUBLISHED),
    )
    client.post(LIST_URL, {"action": "publish_now", "_selected_action": [revision.pk]})

    live.refresh_from_db()
    assert live.body_ind == OLD_BODY
    assert Announcement.objects.filter(pk=revision.pk).exists()


def test_a_revision_that_changes_nothing_is_not_published(client, editor, publisher, live):
    client.force_login(editor)
    revision = propose(client, live)
    client.post(
        admin_url(revision), form_of(client, revision, correction_note_ind=NOTE, status=Status.REVIEW)
    )
    client.force_login(publisher)

    response = client.post(admin_url(revision), form_of(client, revision, status=Status.PUBLISHED))

    assert response.status_code == 200
    assert "tidak mengubah apa pun" in response.content.decode()
    live.refresh_from_db()
    assert live.corrected_at is None


def test_rejecting_the_revision_leaves_the_published_item_untouched(client, editor, publisher, live):
    client.force_login(editor)
    revision = propose(client, live)
    client.post(
        admin_url(revision),
        form_of(client, revision, body_ind=NEW_BODY, correction_note_ind=NOTE, status=Status.REVIEW),
    )
    client.force_login(publisher)

    client.post(LIST_URL, {"action": "unpublish", "_selected_action": [revision.pk]})
    deletion = client.post(admin_url(revision, "delete"), {"post": "yes"})

    assert deletion.status_code == 302
    live.refresh_from_db()
    assert (live.status, live.body_ind, live.corrected_at) == (Status.PUBLISHED, OLD_BODY, None)
    assert not Announcement.objects.filter(pk=revision.pk).exists()


def test_a_direct_correction_made_meanwhile_survives_the_revision(client, editor, publisher, live):
    client.force_login(editor)
    revision = propose(client, live)
    client.post(
        admin_url(revision),
        form_of(client, revision, body_ind=NEW_BODY, correction_note_ind=NOTE, status=Status.REVIEW),
    )
    client.force_login(publisher)
    client.post(
        admin_url(live),
        form_of(
            client,
            live,
            summary_ind="Ringkasan yang diperbaiki.",
            correction_note_ind="Ringkasan diperbaiki.",
        ),
    )

    client.post(admin_url(revision), form_of(client, revision, status=Status.PUBLISHED))

    live.refresh_from_db()
    assert live.summary_ind == "Ringkasan yang diperbaiki."
    assert live.body_ind == NEW_BODY


def test_the_database_refuses_a_published_revision(live):
    revision, _created = live.propose_correction()
    revision.status = Status.PUBLISHED

    with pytest.raises(IntegrityError), transaction.atomic():
        revision.save()


def test_the_preview_shows_the_revision_as_readers_will_see_it(client, editor, live):
    client.force_login(editor)
    revision = propose(client, live)
    client.post(
        admin_url(revision),
        form_of(client, revision, body_ind=NEW_BODY, correction_note_ind=NOTE, status=Status.REVIEW),
    )

    html = client.get(admin_url(revision, "preview")).content.decode()

    assert NEW_BODY in html and NOTE in html and "Diperbarui pada" in html


def test_a_scheduled_item_takes_the_revision_without_a_correction_note(make_announcement, editor):
    scheduled = make_announcement(body_ind=OLD_BODY, publish_at=SOON)
    revision, _created = scheduled.propose_correction(editor)
    revision.body_ind = NEW_BODY
    revision.correction_note_ind = NOTE
    revision.save()

    revision.apply_revision()

    scheduled.refresh_from_db()
    assert scheduled.body_ind == NEW_BODY
    assert scheduled.corrected_at is None and not scheduled.correction_note_ind


def test_a_new_cover_photo_travels_with_its_renditions(make_announcement, editor):
    item = make_announcement(cover_alt_ind="Foto lama")
    item.cover.save("lama.jpg", ContentFile(photo_bytes()), save=True)
    revision, _created = item.propose_correction(editor)
    unchanged = revision.revision_changes()
    revision.cover.save("baru.jpg", ContentFile(photo_bytes(size=(500, 400))), save=False)
    revision.cover_alt_ind = "Foto baru"
    revision.correction_note_ind = "Foto diganti."
    revision.save()

    revision.apply_revision()

    item.refresh_from_db()
    assert unchanged == []
    assert item.cover.name == revision.cover.name != ""
    assert item.cover_renditions["source"] == item.cover.name
    assert item.cover_alt_ind == "Foto baru"
