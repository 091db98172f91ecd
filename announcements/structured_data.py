"""schema.org JSON-LD of announcements (NewsArticle) and fact checks (ClaimReview).

Neither is given for an invented example ("[Contoh] ..."): indexes would take it as real.
"""

from django.conf import settings
from django.utils import timezone, translation

from core.structured_data import publisher
from core.urlutils import absolute_url


def news_article(announcement, request=None):
    """An official notice as a NewsArticle: headline, dates, the city as author and publisher."""
    url = absolute_url(announcement.get_absolute_url(), request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": announcement.title,
        "description": announcement.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": translation.get_language(),
        "articleSection": str(announcement.category_choice.label),
        "author": publisher(request),
        "publisher": publisher(request),
        "isAccessibleForFree": True,
    }
    if announcement.publish_at:
        data["datePublished"] = timezone.localtime(announcement.publish_at).isoformat()
    modified = announcement.corrected_at or announcement.publish_at
    if modified:
        data["dateModified"] = timezone.localtime(modified).isoformat()
    if announcement.source:
        # Who said it first and where, as staff typed it: a work with a name, not a link.
        data["isBasedOn"] = {"@type": "CreativeWork", "name": announcement.source}
    if announcement.cover:
        data["image"] = absolute_url(announcement.cover.url, request)
    if announcement.election_id:
        data["about"] = {"@type": "Event", "name": announcement.election.name}
    return data


def claim_review(fact_check, request=None):
    """schema.org ClaimReview for search engines and fact-check aggregators."""
    verdict = fact_check.verdict_choice
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(fact_check.get_absolute_url(), request),
        "name": fact_check.title,
        "claimReviewed": fact_check.claim,
        "inLanguage": translation.get_language(),
        "author": {
            "@type": "Organization",
            "name": settings.PORTAL_PUBLISHER,
            "url": settings.PORTAL_OFFICIAL_SITE,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.rating,
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": str(verdict.label),
        },
        "itemReviewed": claim(fact_check),
    }
    if fact_check.publish_at:
        data["datePublished"] = timezone.localtime(fact_check.publish_at).date().isoformat()
    if fact_check.corrected_at:
        data["dateModified"] = timezone.localtime(fact_check.corrected_at).isoformat()
    return data


def claim(fact_check):
    """The claim as schema.org knows it: what it says, where it appeared and since when.

    Its author is left out: a claim passed around in chat groups has none the city could name.
    """
    item = {"@type": "Claim", "text": fact_check.claim}
    if fact_check.claim_seen_on:
        item["datePublished"] = fact_check.claim_seen_on.isoformat()
    if fact_check.claim_channel:
        item["appearance"] = {"@type": "CreativeWork", "name": fact_check.claim_channel}
    if fact_check.claim_seen_on and fact_check.claim_channel:
        item["firstAppearance"] = {
            "@type": "CreativeWork",
            "name": fact_check.claim_channel,
            "datePublished": fact_check.claim_seen_on.isoformat(),
        }
    return item
