"""Cache invalidation: any change to public content starts a new content version."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_content_version

CONTENT_APPS = frozenset({"elections", "candidates", "announcements", "guide"})


@receiver(post_save, dispatch_uid="portal-content-saved")
@receiver(post_delete, dispatch_uid="portal-content-deleted")
@receiver(m2m_changed, dispatch_uid="portal-content-relations-changed")
def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()
        # And again once the change is committed: a page rendered meanwhile from the old,
        # still committed rows must not stay cached under the version just started.
        transaction.on_commit(bump_content_version, using=kwargs.get("using"))
