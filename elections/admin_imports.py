"""The import screens behind "Impor" on the voter-count and TPS lists: upload, preview, confirm.

An upload is checked and previewed (every problem, or each row's new, changed and unchanged
figures) and kept as a PendingImport; nothing is written until the same staff member confirms.
On confirmation the kept file is planned again: if the plan differs from the preview (someone
changed the figures meanwhile), the import is refused and the new preview shown instead.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets import XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes

from .models import Election, PendingImport

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xls")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "Excel (.xlsx) or CSV with a header row; commas, semicolons or tabs; at most 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB; split it into smaller files."))
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Upload an Excel file (.xlsx) or a CSV file (.csv)."))
        return upload


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason for the figures that need confirmation"),
        required=False,
        max_length=300,
        help_text=gettext_lazy(
            "Goes into the history, e.g. KPU's clean-up of double entries, BA 19-09-2024."
        ),
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.report is not None and self.report.needs_confirmation and not reason:
            raise forms.ValidationError(
                _("Some figures need your confirmation: say why they are right, or cancel and fix the file.")
            )
        return reason


class ImportMixin:
    """Adds "Import" and template downloads to a changelist, for a model with an importer."""

    importer_class = None
    import_kind = None  # a PendingImport.Kind
    import_permission = None  # "app_label.codename"
    import_columns_help = ""
    change_list_template = "admin/change_list_with_import.html"

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_import"
        view = self.admin_site.admin_view
        extra = [
            path("import/", view(self.import_view), name=name),
            path("import/<uuid:pending_id>/", view(self.confirm_view), name=f"{name}_confirm"),
            path(
                "import/template.<str:fmt>",
                view(self.template_view),
                name=f"{name}_template",
            ),
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
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._render(request, form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = self._importer(request, data, upload.name).preview()
        if not report.ok:
            messages.error(request, report.summary())
            return self._render(request, form=form, report=report)
        PendingImport.objects.expired().delete()
        pending = PendingImport.objects.create(
            kind=self.import_kind,
            user=request.user,
            filename=upload.name[:200],
            data=data,
            digest=report.digest,
        )
        return self._render_preview(request, pending, report)

    def confirm_view(self, request, pending_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        pending = (
            PendingImport.objects.waiting_for(request.user, self.import_kind).filter(pk=pending_id).first()
        )
        if pending is None:
            messages.error(request, _("This preview has expired or was already used; upload the file again."))
            return redirect(self._url("import"))
        if request.method != "POST":
            return self._render_preview(request, pending, self._importer(request, pending).preview())
        if "cancel" in request.POST:
            pending.delete()
            messages.info(request, _("Import cancelled; nothing was changed."))
            return redirect(self._url("changelist"))
        importer = self._importer(request, pending)
        report = importer.preview()
        form = ConfirmForm(request.POST, report=report)
        if not form.is_valid():
            return self._render_preview(request, pending, report, form)
        if report.digest != pending.digest or form.cleaned_data["digest"] != pending.digest:
            pending.digest = report.digest
            pending.save(update_fields=["digest"])
            messages.error(
                request,
                _(
                    "The figures changed since this preview (someone else saved or imported meanwhile). "
                    "Nothing was imported; check the new preview and confirm again."
                ),
            )
            return self._render_preview(request, pending, report)
        report = importer.run(confirmation_reason=form.cleaned_data["reason"])
        if not report.applied:
            messages.error(request, report.summary())
            return self._render_preview(request, pending, report)
        pending.delete()
        self._log_import(request, pending.filename, report)
        messages.success(request, _("Imported: %(summary)s") % {"summary": report.summary()})
        return redirect(self._url("changelist"))

    def template_view(self, request, fmt):
        if not self.has_import_permission(request):
            raise PermissionDenied
        election = Election.objects.featured()
        if fmt not in ("csv", "xlsx") or election is None:
            raise PermissionDenied
        header, rows = self.importer_class.template(election)
        name = f"template-{self.import_kind.replace('_', '-')}-{election.slug}.{fmt}"
        if fmt == "csv":
            response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        else:
            title = str(self.model._meta.verbose_name_plural)
            response = HttpResponse(xlsx_bytes(header, rows, title), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def _importer(self, request, source, filename=""):
        if isinstance(source, PendingImport):
            source, filename = bytes(source.data), source.filename
        return self.importer_class(
            source,
            filename=filename,
            user=request.user,
            reason=_("Import from file: %(name)s") % {"name": filename[:80]},
        )

    def _url(self, action, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)

    def _render_preview(self, request, pending, report, form=None):
        form = form or ConfirmForm(initial={"digest": pending.digest}, report=report)
        return self._render(request, report=report, pending=pending, confirm_form=form)

    def _render(self, request, **context):
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import %(name)s") % {"name": opts.verbose_name_plural},
            "opts": opts,
            "columns_help": self.import_columns_help,
            "changelist_url": self._url("changelist"),
            "import_url": self._url("import"),
            "template_urls": [(fmt.upper(), self._url("import_template", fmt)) for fmt in ("xlsx", "csv")],
            **context,
        }
        return TemplateResponse(request, "admin/import.html", context)

    def _log_import(self, request, filename, report):
        LogEntry.objects.create(
            user_id=request.user.pk,
            content_type_id=ContentType.objects.get_for_model(self.model).pk,
            object_id="",
            object_repr=filename[:200],
            action_flag=CHANGE,
            change_message=_("Imported from a file: %(summary)s") % {"summary": report.summary()},
        )
