"""Announcements and fact checks: only what ``published()`` lets readers see, whatever is asked.

Drafts, items in review and scheduled items whose time has not come are absent from lists,
detail addresses (404) and CSV files alike, because every queryset here starts from
``published()``.
"""

from django.db.models import Prefetch
from ninja import Field, Router

from announcements.models import Announcement, Attachment, Category, FactCheck, Verdict

from ..core import Language, Slug
from ..schemas import AnnouncementOut, FactCheckOut
from ..tables import joined
from . import add_detail_endpoint, add_list_endpoint

router = Router()


class AnnouncementFilters(Language):
    category: Category | None = Field(None, description="Only this category, e.g. politik-uang.")
    election: Slug | None = Field(None, description="Only announcements about this election.")


def published_announcements():
    attachments = Attachment.objects.order_by("order", "pk")
    return (
        Announcement.objects.for_listing()
        .select_related("election", "stage")
        .prefetch_related(Prefetch("attachments", queryset=attachments))
    )


def announcements(params):
    queryset = published_announcements()
    if params.category is not None:
        queryset = queryset.filter(category=params.category)
    if params.election is not None:
        queryset = queryset.filter(election__slug=params.election)
    return queryset


PUBLISHED_COLUMNS = ["slug", "title", "published_at", "updated_at", "correction_note"]

add_list_endpoint(
    router,
    "announcements",
    noun="announcements",
    item=AnnouncementOut,
    filters=AnnouncementFilters,
    queryset=announcements,
    columns=[
        *PUBLISHED_COLUMNS,
        "category",
        "category_label",
        "pinned",
        "summary",
        "body",
        "election",
        ("stage_order", lambda item: item["stage"] and item["stage"]["order"]),
        ("stage_name", lambda item: item["stage"] and item["stage"]["name"]),
        "source",
        ("attachments", joined("attachments", "url", "\n")),
        "url",
    ],
    notes="Published announcements only, pinned first, then newest first.",
)


add_detail_endpoint(
    router,
    "announcements",
    name="announcement",
    item=AnnouncementOut,
    queryset=published_announcements,
    summary="One published announcement",
)


# Fact checks ----------------------------------------------------------------------------------


class FactCheckFilters(Language):
    verdict: Verdict | None = Field(None, description="Only this verdict, e.g. hoaks.")


def published_fact_checks():
    return FactCheck.objects.published().order_by("-publish_at", "-pk")


def fact_checks(params):
    queryset = published_fact_checks()
    if params.verdict is not None:
        queryset = queryset.filter(verdict=params.verdict)
    return queryset


add_list_endpoint(
    router,
    "fact-checks",
    noun="fact checks",
    item=FactCheckOut,
    filters=FactCheckFilters,
    queryset=fact_checks,
    columns=[
        *PUBLISHED_COLUMNS,
        "claim",
        "claim_channel",
        "claim_seen_on",
        "verdict",
        "verdict_label",
        "rating",
        "explanation",
        (
            "evidence",
            lambda item: "\n".join(f"{entry['label']}: {entry['url']}" for entry in item["evidence"]),
        ),
        "url",
    ],
    notes="Published fact checks only, newest first.",
)


add_detail_endpoint(
    router,
    "fact-checks",
    name="fact-check",
    item=FactCheckOut,
    queryset=published_fact_checks,
    summary="One published fact check",
)
