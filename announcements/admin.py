from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from core import clock
from core.languages import untranslated_fields

from . import views
from .forms import PublishableAdminForm
from .models import Announcement, Attachment, FactCheck, Status


class CorrectionFilter(admin.SimpleListFilter):
    """Proposed corrections apart from the items themselves, for the review list."""

    title = _("proposed corrections")
    parameter_name = "koreksi"

    def lookups(self, request, model_admin):
        return [("ya", _("Only proposed corrections")), ("tidak", _("Without proposed corrections"))]

    def queryset(self, request, queryset):
        if self.value() in ("ya", "tidak"):
            return queryset.filter(revision_of__isnull=self.value() == "tidak")
        return queryset


class PublishableAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """The editorial workflow shared by announcements and fact checks.

    An editor (change permission) drafts and submits for review; only a user with the model's
    ``publish_*`` permission can publish, schedule or unpublish. The rule holds in the form (the
    status choices and the publication time), in the actions, and in ``save_model`` for anything
    that reaches it another way. Published items are read-only for editors, who propose a
    correction instead (models/revisions.py): a revision shows only the fields a correction
    covers and its reason, and publishing it applies it to the published item.
    """

    form = PublishableAdminForm
    actions = ["submit_for_review", "publish_now", "unpublish"]
    date_hierarchy = "publish_at"
    list_select_related = ["author", "revision_of"]
    list_per_page = 50
    preview_template = None
    change_form_template = "admin/announcements/publishable_change_form.html"
    # What a revision's form keeps of the item's fieldsets, besides the corrected fields.
    REVISION_FORM_FIELDS = ("status", "preview_link", "correction_note")

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status == Status.PUBLISHED:
            return self.has_publish_permission(request)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.status == Status.PUBLISHED:
            return self.has_publish_permission(request)
        return allowed

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "correction_of"]
        if not self.has_publish_permission(request):
            fields.append("publish_at")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.is_revision:
            return fieldsets
        kept = {*obj.CORRECTED_FIELDS, *self.REVISION_FORM_FIELDS}
        sections = [(_("Proposed correction"), {"fields": ["correction_of"]})]
        for title, options in fieldsets:
            fields = [name for name in options["fields"] if _base_name(name) in kept]
            if fields:
                sections.append((title, {**options, "fields": fields}))
        return sections

    def get_prepopulated_fields(self, request, obj=None):
        # A revision keeps the slug it was given; the item's own slug never changes through it.
        return {} if obj is not None and obj.is_revision else super().get_prepopulated_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is not None and obj.is_revision else super().get_inlines(request, obj)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(s.value, s.label) for s in (Status.DRAFT, Status.REVIEW)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            stored = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            if Status.PUBLISHED in (obj.status, stored):
                raise PermissionDenied
        if obj.author_id is None:
            obj.author = request.user
        if getattr(form, "publishes_revision", False):
            if not self.has_publish_permission(request):
                raise PermissionDenied
            obj.applied_to = obj.apply_revision(user=request.user)
            return
        super().save_model(request, obj, form, change)
        if obj.status == Status.PUBLISHED:
            self.warn_untranslated(request, obj)

    def warn_untranslated(self, request, obj):
        """Publishing goes ahead; the publisher learns what English readers will see in Indonesian."""
        if missing := untranslated_fields(obj, "en"):
            self.message_user(
                request,
                _(
                    "“%(item)s” is published without English for: %(fields)s. English pages show the "
                    "Indonesian text there, marked “available in Indonesian only”, until the English is "
                    "filled in."
                )
                % {"item": obj, "fields": ", ".join(missing)},
                messages.WARNING,
            )

    def log_change(self, request, obj, message):
        # A published revision no longer exists; the change happened to the item it corrected.
        return super().log_change(request, getattr(obj, "applied_to", obj), message)

    def response_change(self, request, obj):
        item = getattr(obj, "applied_to", None)
        if item is None:
            return super().response_change(request, obj)
        self.message_user(request, _("The correction is published on “%s”.") % item, messages.SUCCESS)
        return redirect(self._admin_url("change", item.pk))

    def _admin_url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    # Reverting from the history screen would skip the correction rule; staff edit instead.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request, queryset):
        count = self._move(queryset.filter(status=Status.DRAFT), Status.REVIEW)
        self.message_user(request, ngettext("%d item submitted.", "%d items submitted.", count) % count)

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = clock.now()
        pending = queryset.exclude(status=Status.PUBLISHED, publish_at__lte=now)
        items = list(pending.filter(revision_of__isnull=True))
        count = self._move(items, Status.PUBLISHED, publish_at=now)
        for item in items:
            self.warn_untranslated(request, item)
        count += self._apply_revisions(request, pending.filter(revision_of__isnull=False), now)
        self.message_user(request, ngettext("%d item published.", "%d items published.", count) % count)

    def _apply_revisions(self, request, revisions, now):
        """Apply each proposed correction to its item; say which cannot be applied and why."""
        applied = 0
        for revision in revisions.select_related("revision_of"):
            problem = revision.revision_problem()
            if problem:
                self.message_user(request, f"{revision}: {problem}", messages.WARNING)
                continue
            revision.apply_revision(user=request.user, at=now)
            applied += 1
        return applied

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._move(queryset.filter(status=Status.PUBLISHED), Status.DRAFT)
        self.message_user(request, ngettext("%d item unpublished.", "%d items unpublished.", count) % count)

    def _move(self, queryset, status, publish_at=None):
        """Change status one by one, so each change lands in the history with its user."""
        items = list(queryset)
        for item in items:
            item.status = status
            if publish_at is not None:
                item.publish_at = publish_at
            item.save()
        return len(items)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_revision:
            return format_html("✎ {} · {}", _("Proposed correction"), obj.get_status_display())
        if obj.is_scheduled():
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            return format_html('<span title="{}">⏰ {}</span>', _("Scheduled"), _("Scheduled for %s") % when)
        if obj.status == Status.PUBLISHED:
            return format_html("✔ {}", obj.get_status_display())
        return obj.get_status_display()

    @admin.display(description=_("correction of"), ordering="revision_of")
    def correction_of(self, obj):
        if obj is None or not obj.is_revision:
            return "—"
        item = obj.revision_of
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            self._admin_url("change", item.pk),
            item,
            item.get_absolute_url(),
            _("public page"),
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_preview", args=[obj.pk])
        return format_html('<a href="{}">Bahasa Indonesia</a> · <a href="{}?lang=en">English</a>', url, url)

    def view_on_site(self, obj):
        if obj.is_live():
            return obj.get_absolute_url()
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_preview", args=[obj.pk])

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path(
                "<path:object_id>/propose-correction/",
                view(self.propose_correction_view),
                name=f"{prefix}_propose_correction",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.is_revision:
            context["show_save_and_add_another"] = False
        elif obj is not None and obj.status == Status.PUBLISHED:
            context["proposal"] = {
                "revision": obj.revisions.first(),
                "allowed": self.has_add_permission(request) and self.has_change_permission(request),
                "url": self._admin_url("propose_correction", obj.pk),
                "editable": self.has_change_permission(request, obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def propose_correction_view(self, request, object_id):
        """Confirm, then make the draft revision of a published item and open it (GET asks, POST acts)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or obj.is_revision or obj.status != Status.PUBLISHED:
            raise Http404
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        existing = obj.revisions.first()
        if existing is not None:
            self.message_user(request, _("A correction of this item is already proposed; here it is."))
            return redirect(self._admin_url("change", existing.pk))
        if request.method == "POST":
            revision, _created = obj.propose_correction(request.user)
            self.message_user(
                request,
                _(
                    "Correction proposed. Edit the text, give the reason readers will see, "
                    "then submit it for review."
                ),
                messages.SUCCESS,
            )
            return redirect(self._admin_url("change", revision.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Propose a correction"),
            "opts": self.opts,
            "object": obj,
            "change_url": self._admin_url("change", obj.pk),
        }
        return TemplateResponse(request, "admin/announcements/propose_correction.html", context)

    def preview_view(self, request, object_id):
        """The public page as it will look, for staff only, whatever the item's status."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        if obj.is_revision:
            _as_applied(obj)
        with translation.override(language):
            context = {**self.preview_context(request, obj), "preview": True}
            return render(request, self.preview_template, context)


# The endings modeltranslation gives each language's column: "ind" and "en".
LANGUAGE_SUFFIXES = {build_localized_fieldname("", code).lstrip("_") for code, _name in settings.LANGUAGES}


def _base_name(name):
    """``title`` for ``title_ind`` and ``title_en``: a form field's model field, whatever its language."""
    base, _sep, suffix = name.rpartition("_")
    return base if base and suffix in LANGUAGE_SUFFIXES else name


def _as_applied(revision):
    """Show a revision in the preview as its item will read once it is applied (nothing is saved)."""
    item = revision.revision_of
    revision.slug = item.slug
    revision.publish_at = item.publish_at
    revision.corrected_at = clock.now()


class AttachmentInline(TranslationTabularInline):
    model = Attachment
    fields = ["title", "file", "order", "size_label"]
    readonly_fields = ["size_label"]
    extra = 0

    @admin.display(description=_("size"))
    def size_label(self, obj):
        return filesizeformat(obj.size) if obj.pk else "—"


@admin.register(Announcement)
class AnnouncementAdmin(PublishableAdmin):
    list_display = [
        "title",
        "category",
        "status_label",
        "publish_at",
        "pinned",
        "author",
        "correction_of",
        "preview_link",
    ]
    list_filter = ["status", CorrectionFilter, "category", "pinned"]
    search_fields = ["title_ind", "title_en", "summary_ind", "summary_en", "slug"]
    prepopulated_fields = {"slug": ["title_ind"]}
    readonly_fields = ["corrected_at", "author", "created_at", "modified_at", "preview_link"]
    inlines = [AttachmentInline]
    preview_template = "announcements/announcement_detail.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "category"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "pinned", "preview_link"]}),
        (_("Context and source"), {"fields": ["election", "stage", "source"]}),
        (_("Cover photo"), {"fields": ["cover", "cover_alt"]}),
        (_("Update after publication"), {"fields": ["correction_note", "corrected_at"]}),
        (_("Record"), {"fields": ["author", "created_at", "modified_at"], "classes": ["collapse"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("summary"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def preview_context(self, request, obj):
        context = views.announcement_context(obj)
        if obj.is_revision:
            # Attachments stay with the published item; the preview shows them as readers will.
            context["attachments"] = list(obj.revision_of.attachments.all())
        return context


@admin.register(FactCheck)
class FactCheckAdmin(PublishableAdmin):
    list_display = [
        "title",
        "verdict",
        "status_label",
        "publish_at",
        "author",
        "correction_of",
        "preview_link",
    ]
    list_filter = ["status", CorrectionFilter, "verdict"]
    search_fields = ["title_ind", "title_en", "claim_ind", "claim_en", "slug"]
    prepopulated_fields = {"slug": ["title_ind"]}
    readonly_fields = ["corrected_at", "author", "created_at", "modified_at", "preview_link"]
    preview_template = "announcements/factcheck_detail.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "claim", "claim_channel", "claim_seen_on"]}),
        (_("Verdict"), {"fields": ["verdict", "explanation", "evidence"]}),
        (_("Publication"), {"fields": ["status", "publish_at", "preview_link"]}),
        (_("Update after publication"), {"fields": ["correction_note", "corrected_at"]}),
        (_("Record"), {"fields": ["author", "created_at", "modified_at"], "classes": ["collapse"]}),
    ]

    def preview_context(self, request, obj):
        return views.factcheck_context(obj, request)


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Attachments listed and traced on their own; they are added and changed on their announcement,
    where the editorial workflow applies."""

    list_display = ["title", "announcement", "size_label", "order"]
    list_select_related = ["announcement"]
    list_filter = ["announcement__category", "announcement__status"]
    search_fields = ["title", "announcement__title"]
    fields = ["announcement", "title", "file", "order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"), ordering="size")
    def size_label(self, obj):
        return filesizeformat(obj.size)
