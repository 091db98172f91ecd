"""schema.org JSON-LD of announcements (NewsArticle); ClaimReview is tested with the fact check pages."""

import pytest

from announcements.models import Category
from tests.support.pages import structured_data

from .conftest import NOW

pytestmark = pytest.mark.django_db


def article(client, announcement, language="id"):
    html = client.get(f"/{language}/pengumuman/{announcement.slug}/").content.decode()
    return structured_data(html)


def test_an_announcement_is_a_news_article_by_the_city(client, make_announcement):
    announcement = make_announcement(category=Category.MONEY_POLITICS, source="ANTARA Kaltim, 2024-10-09")

    data = article(client, announcement, "en")

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == announcement.title_en
    assert data["description"] == "A summary in English."
    assert data["url"] == data["mainEntityOfPage"] == f"http://testserver/en/pengumuman/{announcement.slug}/"
    assert data["inLanguage"] == "en" and data["articleSection"] == "Money politics"
    assert data["datePublished"] == data["dateModified"] == "2024-10-09T16:00:00+08:00"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["isBasedOn"] == {"@type": "CreativeWork", "name": "ANTARA Kaltim, 2024-10-09"}


def test_a_correction_moves_the_article_date_modified(client, make_announcement):
    announcement = make_announcement()
    announcement.summary_ind = "Ringkasan yang diperbaiki."
    announcement.correction_note_ind = "Jam buka TPS diperbaiki."
    announcement.corrected_at = NOW
    announcement.save()

    data = article(client, announcement)

    assert data["datePublished"] == "2024-10-09T16:00:00+08:00"
    assert data["dateModified"] == "2024-10-20T12:00:00+08:00"
    assert data["description"] == "Ringkasan yang diperbaiki."


def test_an_invented_example_announcement_is_not_offered_as_news(client, make_announcement):
    example = make_announcement(title_ind="[Contoh] Jadwal sosialisasi", title_en="[Example] Outreach dates")

    html = client.get(f"/id/pengumuman/{example.slug}/").content.decode()

    assert example.is_example and "NewsArticle" not in html
    assert structured_data(html) is None
