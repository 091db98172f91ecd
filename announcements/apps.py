from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from pagecache import timed


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements and fact checks")

    def ready(self):
        # A scheduled publication changes pages with no one saving: the page cache renders them
        # at that moment.
        timed.register(self.next_publication)

    def next_publication(self, after):
        """When the next scheduled announcement or fact check becomes public, after ``after``."""
        moments = (
            self.get_model(name).objects.next_publication(after) for name in ("Announcement", "FactCheck")
        )
        return min((moment for moment in moments if moment is not None), default=None)
