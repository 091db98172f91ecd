from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from portal import clock

from . import views
from .forms import PublishableAdminForm
from .models import Announcement, Attachment, FactCheck, Status


class PublishableAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """The editorial workflow shared by announcements and fact checks.

    An editor (change permission) drafts and submits for review; only a user with the model's
    ``publish_*`` permission can publish, schedule or unpublish. The rule holds in the form (the
    status choices and the publication time), in the actions, and in ``save_model`` for anything
    that reaches it another way. Published items are read-only for editors.
    """

    form = PublishableAdminForm
    actions = ["submit_for_review", "publish_now", "unpublish"]
    date_hierarchy = "publish_at"
    list_select_related = ["author"]
    list_per_page = 50
    preview_template = None

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
        fields = [*super().get_readonly_fields(request, obj)]
        if not self.has_publish_permission(request):
            fields.append("publish_at")
        return fields

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
        super().save_model(request, obj, form, change)

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
        count = self._move(pending, Status.PUBLISHED, publish_at=now)
        self.message_user(request, ngettext("%d item published.", "%d items published.", count) % count)

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
        if obj.is_scheduled():
            when = date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
            return format_html('<span title="{}">⏰ {}</span>', _("Scheduled"), _("Scheduled for %s") % when)
        if obj.status == Status.PUBLISHED:
            return format_html("✔ {}", obj.get_status_display())
        return obj.get_status_display()

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
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        preview = path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view), name=name)
        return [preview, *super().get_urls()]

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
        with translation.override(language):
            context = {**self.preview_context(request, obj), "preview": True}
            return render(request, self.preview_template, context)


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
    list_display = ["title", "category", "status_label", "publish_at", "pinned", "author", "preview_link"]
    list_filter = ["status", "category", "pinned"]
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
        return views.announcement_context(obj)


@admin.register(FactCheck)
class FactCheckAdmin(PublishableAdmin):
    list_display = ["title", "verdict", "status_label", "publish_at", "author", "preview_link"]
    list_filter = ["status", "verdict"]
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
