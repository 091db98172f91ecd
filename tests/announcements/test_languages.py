"""Honest languages: English pages mark Indonesian-only content; publishers are warned."""

import pytest
from django.contrib.messages import get_messages

from announcements.models import Status
from tests.support.announcement_forms import change_url, form_for

pytestmark = pytest.mark.django_db


def test_an_untranslated_announcement_is_marked_indonesian_on_english_pages(client, make_announcement):
    item = make_announcement(title_en="", body_en="")

    html = client.get(f"/en/pengumuman/{item.slug}/").content.decode()

    assert f'<h1 lang="id">{item.title_ind}</h1>' in html
    assert '<div class="announcement-body" lang="id">' in html
    assert '<p class="lead">A summary in English.</p>' in html  # translated parts keep the page's language
    assert "Available in Indonesian only." in html


def test_a_translated_announcement_carries_no_mark(client, make_announcement):
    item = make_announcement()

    for language in ("id", "en"):
        html = client.get(f"/{language}/pengumuman/{item.slug}/").content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert " lang=" not in main and "language-note" not in main


def test_untranslated_cards_and_fact_checks_are_marked_too(client, make_announcement, make_fact_check):
    make_announcement(title_en="", summary_en="")
    fact_check = make_fact_check(claim_en="", explanation_en="")

    listing = client.get("/en/pengumuman/").content.decode()
    detail = client.get(f"/en/cek-fakta/{fact_check.slug}/").content.decode()

    assert 'lang="id">Pengumuman nomor' in listing and "Available in Indonesian only." in listing
    assert (
        '<blockquote class="claim" lang="id">' in detail
        and '<div class="factcheck-body" lang="id">' in detail
    )


def test_publishing_with_empty_english_fields_warns_the_publisher_but_publishes(
    client, publisher, make_announcement
):
    draft = make_announcement(status=Status.REVIEW, publish_at=None, summary_en="", body_en="")
    client.force_login(publisher)

    response = client.post(
        change_url(draft),
        form_for(draft, status=Status.PUBLISHED, publish_at_0="2024-10-20", publish_at_1="08:00"),
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "tanpa teks bahasa Inggris" in warnings[0]
    assert "ringkasan" in warnings[0].lower() and "isi" in warnings[0].lower()


def test_publishing_a_fully_translated_item_gives_no_warning(client, publisher, make_announcement):
    draft = make_announcement(status=Status.REVIEW, publish_at=None)
    client.force_login(publisher)

    response = client.post(
        change_url(draft),
        form_for(draft, status=Status.PUBLISHED, publish_at_0="2024-10-20", publish_at_1="08:00"),
        follow=True,
    )

    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_the_publish_action_warns_too(client, publisher, make_announcement):
    draft = make_announcement(status=Status.REVIEW, publish_at=None, title_en="")
    client.force_login(publisher)

    response = client.post(
        "/admin/announcements/announcement/",
        {"action": "publish_now", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert any("tanpa teks bahasa Inggris" in str(m) for m in get_messages(response.wsgi_request))
