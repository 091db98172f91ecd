"""The portal's own link preview, for pages without a subject of their own.

Each shareable model draws its own card (``share_card()`` and ``get_share_image_url()`` on
CandidatePair, Announcement, FactCheck and the schedule's Timeline), so a new kind of shareable
page adds those two methods to its model instead of editing a list here.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.sharecards import Card


class PortalCard:
    def share_card(self):
        return Card(
            label=_("Pilkada 2024 · Kota Balikpapan"),
            title=_("Official information on Pilkada 2024 in Balikpapan"),
            subtitle=_("Schedule, candidate pairs, voters and TPS, announcements and fact checks"),
            alt=_("Pilkada Portal of Balikpapan City"),
        )

    def get_share_image_url(self):
        return reverse("og-portal")


PORTAL = PortalCard()
