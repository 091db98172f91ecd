"""What announcements and fact checks share: the editorial status, scheduled publication and
visible corrections with the versions readers saw."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import CharField, F, Max, Min, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core import clock, markup


class Status(models.TextChoices):
    """The editorial workflow of issue 5: an editor drafts and submits, a publisher publishes."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What readers may see at ``at`` (default: the portal's now); the only door for public code.

        A published item with a future publication time is scheduled: it appears by itself once
        that moment passes, because the moment is part of the query. A proposed correction is
        never published (a database constraint, see revisions.py), so it never passes this door.
        """
        return self.filter(status=Status.PUBLISHED, publish_at__lte=at or clock.now())

    def in_review(self):
        """Waiting for a publisher's review."""
        return self.filter(status=Status.REVIEW)

    def scheduled(self, at=None):
        """Published with a publication time still to come: readers see them from that moment."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=at or clock.now())

    def next_publication(self, after):
        """The moment the first item scheduled after ``after`` becomes public, or None."""
        return self.scheduled(at=after).aggregate(first=Min("publish_at"))["first"]

    def last_seen_change(self, key):
        """When readers last saw a change here (a publication or a correction), as a
        ``core.changes`` part labelled ``key``: edits to drafts never reached them."""
        # rewrite(False): modeltranslation's values() would otherwise select every column.
        visible = self.published().order_by().rewrite(False)
        label = Value(key, output_field=CharField())
        return visible.values(key=label).annotate(last=Max(Coalesce("corrected_at", "publish_at")))


# How staff mark an invented announcement or fact check, in either language.
EXAMPLE_MARKS = ("[Contoh]", "[Example]")


class Publishable(models.Model):
    """Editorial fields and the change log; subclasses name the fields a correction covers."""

    # Fields whose change after publication is a correction readers must be told about.
    CORRECTED_FIELDS = ()
    # (Markdown source, sanitised HTML) field pairs, both translated.
    MARKDOWN_FIELDS = ()

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=_("Draft and in review are never public. Only a publisher can publish."),
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When it becomes public (WITA), e.g. 10-10-2024 08:00. A future time schedules it; "
            "left empty, it is set to the moment of publishing."
        ),
    )
    correction_note = models.CharField(
        _("reason for the update"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required when you change a published item: one sentence readers will see, "
            "e.g. Corrected the opening time of the TPS."
        ),
    )
    corrected_at = models.DateTimeField(
        _("updated after publication on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set automatically when a published item is corrected."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("last saved"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = [F("publish_at").desc(nulls_first=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="%(app_label)s_%(class)s_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.publish_at is None:
            self.publish_at = clock.now()
        self.render_html()
        super().save(*args, **kwargs)

    def render_html(self):
        """Store sanitised HTML beside each Markdown source; subclasses list the pairs."""
        for source, target in self.MARKDOWN_FIELDS:
            for code, _name in settings.LANGUAGES:
                text = getattr(self, build_localized_fieldname(source, code), None)
                html = str(markup.render_markdown(text)) if text else ""
                setattr(self, build_localized_fieldname(target, code), html)

    def is_live(self, at=None):
        """Readers can see it at ``at`` (default: now)."""
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (at or clock.now())
        )

    def is_scheduled(self, at=None):
        """Published, but its publication time is still to come."""
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > (at or clock.now())
        )

    @property
    def is_example(self):
        """An invented one for training or a demo, titled "[Contoh] …": never offered to indexes
        as real (no NewsArticle or ClaimReview). Subclasses have a translated ``title``."""
        return any(str(text).lstrip().startswith(EXAMPLE_MARKS) for text in (self.title_ind, self.title_en))

    def public_versions(self):
        """The versions readers saw, newest first, from the history records (drafts never appear).

        A record was public when it was published and its publication time came before the
        next save replaced it. Records that differ from the previous public one only in
        bookkeeping (pinning, status round trips) are merged into it.
        """
        records = list(self.history.order_by("history_date", "history_id"))
        versions = []
        for record, following in zip(records, [*records[1:], None][: len(records)], strict=True):
            replaced_at = following.history_date if following else None
            if record.status != Status.PUBLISHED or record.publish_at is None:
                continue
            if replaced_at is not None and record.publish_at >= replaced_at:
                continue
            if not versions:
                versions.append(Version(record, record.instance, since=record.publish_at))
                continue
            changed = self._changed_fields(versions[-1].record, record)
            if changed:
                since = record.corrected_at or max(record.history_date, record.publish_at)
                versions.append(Version(record, record.instance, since=since, changed=changed))
        versions.reverse()
        return versions

    def _changed_fields(self, before, after):
        labels = []
        for name in self.CORRECTED_FIELDS:
            if any(
                getattr(before, column) != getattr(after, column)
                for column in stored_columns(self._meta, name)
            ):
                labels.append(self._meta.get_field(name).verbose_name)
        return labels


def stored_columns(opts, name):
    """The stored columns behind a field: one per language when it is translated."""
    try:
        return [
            opts.get_field(build_localized_fieldname(name, code)).attname
            for code, _name in settings.LANGUAGES
        ]
    except FieldDoesNotExist:
        return [opts.get_field(name).attname]


@dataclass
class Version:
    """One public version: its history record, the item as it read then, since when, what changed."""

    record: object
    item: object
    since: datetime
    changed: list = field(default_factory=list)
