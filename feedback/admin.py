from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports arrive from the public form; staff read them, fix the page, then answer or close."""

    list_display = ["created_at", "status", "page_link", "summary", "language", "has_contact", "handled_by"]
    list_display_links = ["created_at"]
    list_filter = ["status", "language", "created_at"]
    list_select_related = ["handled_by"]
    search_fields = ["message", "page", "answer"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "page_link",
        "language",
        "message",
        "contact",
        "created_at",
        "updated_at",
        "handled_by",
    ]
    fieldsets = [
        (
            _("What the reader sent"),
            {"fields": ["page_link", "language", "message", "contact", "created_at"]},
        ),
        (
            _("Handling"),
            {
                "fields": ["status", "answer", "handled_by", "updated_at"],
                "description": _(
                    "Check the report against the official source, correct the page if needed, then write "
                    "what was done and mark it answered, or close it when there is nothing to do."
                ),
            },
        ),
    ]
    actions = ["close"]

    def has_add_permission(self, request):
        return False  # reports come from readers only

    @admin.display(description=_("page"), ordering="page")
    def page_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.page, obj.page)

    @admin.display(description=_("what is wrong"))
    def summary(self, obj):
        return Truncator(obj.message).chars(80)

    @admin.display(description=_("contact"), boolean=True)
    def has_contact(self, obj):
        return bool(obj.contact)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data or "answer" in form.changed_data:
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Close the selected reports"), permissions=["change"])
    def close(self, request, queryset):
        count = queryset.filter(status=Report.Status.OPEN).update(
            status=Report.Status.CLOSED, handled_by=request.user, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d report closed.", "%(count)d reports closed.", count) % {"count": count},
        )
