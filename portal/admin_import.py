"""A CSV import screen for any ModelAdmin whose model has an importer (see elections.importers)."""

from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8 CSV with a header row; at most 2 MB."),
    )
    check_only = forms.BooleanField(
        label=gettext_lazy("Only check the file, do not import"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB; split it into smaller files."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file (in a spreadsheet: Save as, CSV UTF-8)."))
        return upload


class CsvImportMixin:
    """Adds an "Import CSV" button to the changelist and the screen behind it."""

    importer_class = None
    import_permission = None  # "app_label.codename"
    import_columns_help = ""
    change_list_template = "admin/change_list_with_import.html"

    def get_urls(self):
        opts = self.model._meta
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            )
        ]
        return extra + super().get_urls()

    def has_import_permission(self, request):
        return request.user.has_perm(self.import_permission)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = None
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            check_only = form.cleaned_data["check_only"]
            importer = self.importer_class(
                upload.read(),
                user=request.user,
                reason=_("CSV import: %(name)s") % {"name": upload.name[:80]},
            )
            report = importer.run(dry_run=check_only)
            if report.ok and not check_only:
                self._log_import(request, upload.name, report)
                messages.success(request, report.summary())
            elif report.ok:
                messages.info(request, _("The file is valid. Nothing was imported yet: ") + report.summary())
            else:
                messages.error(request, report.summary())
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import %(name)s from CSV") % {"name": opts.verbose_name_plural},
            "opts": opts,
            "form": form,
            "report": report,
            "columns_help": self.import_columns_help,
            "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        }
        return TemplateResponse(request, "admin/import_csv.html", context)

    def _log_import(self, request, filename, report):
        LogEntry.objects.create(
            user_id=request.user.pk,
            content_type_id=ContentType.objects.get_for_model(self.model).pk,
            object_id="",
            object_repr=filename[:200],
            action_flag=CHANGE,
            change_message=_("Imported from CSV: %(summary)s") % {"summary": report.summary()},
        )
