"""What the admin's announcement forms post, for tests that submit them."""

from django.urls import reverse
from django.utils import timezone

from announcements.models import Status


def change_url(item):
    return reverse(f"admin:announcements_{item._meta.model_name}_change", args=[item.pk])


def preview_url(item):
    return reverse(f"admin:announcements_{item._meta.model_name}_preview", args=[item.pk])


def announcement_form(**overrides):
    """What the admin's announcement form posts, with an empty attachments inline."""
    data = {
        "title_ind": "Hari pemungutan suara",
        "title_en": "Polling day",
        "slug": "hari-pemungutan-suara",
        "summary_ind": "TPS buka pukul 07.00 WITA.",
        "summary_en": "Polling stations open at 07:00 WITA.",
        "body_ind": "Datang ke TPS Anda.",
        "body_en": "Go to your TPS.",
        "category": "jadwal",
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "source": "KPU Kota Balikpapan",
        "cover_alt_ind": "",
        "cover_alt_en": "",
        "correction_note_ind": "",
        "correction_note_en": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def form_for(announcement, **overrides):
    """The change form of an existing announcement as the browser would send it back."""
    current = {
        name: getattr(announcement, name)
        for name in ["title_ind", "title_en", "slug", "summary_ind", "summary_en", "body_ind", "body_en"]
    }
    when = timezone.localtime(announcement.publish_at) if announcement.publish_at else None
    current |= {
        "category": announcement.category,
        "status": announcement.status,
        "source": announcement.source,
        "publish_at_0": f"{when:%Y-%m-%d}" if when else "",
        "publish_at_1": f"{when:%H:%M:%S}" if when else "",
    }
    return announcement_form(**(current | overrides))
