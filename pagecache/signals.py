"""Cache invalidation: any change to public content starts a new content version, whose pages
are then rendered in the background (``pagecache.renders``)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.renders import published

CONTENT_APPS = frozenset({"elections", "candidates", "announcements", "guide"})


@receiver(post_save, dispatch_uid="portal-content-saved")
@receiver(post_delete, dispatch_uid="portal-content-deleted")
@receiver(m2m_changed, dispatch_uid="portal-content-relations-changed")
def content_changed(sender, **kwargs):
    # Once the change is committed, not before: until then other requests still read the old
    # rows, so a version started earlier would only be filled with old pages again (for the
    # whole length of a long import), and a rolled-back change (a dry run) would start one for
    # nothing. Outside a transaction, on_commit runs at once.
    if sender._meta.app_label in CONTENT_APPS:
        transaction.on_commit(published, using=kwargs.get("using"))
