from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .images import MAX_PIXELS


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import audit, signals  # noqa: F401  (connect the audit log and cache invalidation)

        # Every image Pillow opens in the portal (uploads, renditions, preview cards) is bounded,
        # not only the ones portal.images checks: Pillow's default allows 89 megapixels and only
        # refuses twice that.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
