from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from PIL import Image

from core.images import MAX_PIXELS


class CoreConfig(AppConfig):
    """Helpers every app may use (clock, markup, uploads, URLs, spreadsheets); imports no app."""

    name = "core"
    verbose_name = _("Shared helpers")

    def ready(self):
        # Every image Pillow opens in the portal (uploads, renditions, preview cards) is bounded,
        # not only the ones core.images checks: Pillow's default allows 89 megapixels and only
        # refuses twice that.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
