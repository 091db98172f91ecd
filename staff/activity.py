"""The activity log: who changed what across the whole portal, for Administrators.

django-simple-history keeps one history table per model. The log reads them all as one
``UNION ALL`` query per page, plus one to count the rows and one for the people in the filter, so a
page costs the same number of queries whatever it shows. Each row names its item by a column of
the history record itself (its title or name, else "<kind> #<id>"), never through a foreign key,
which would cost a query per row; the link opens the item, or its history once it is deleted.

Who may read it: superusers and holders of ``admin.view_logentry`` (Django's "can view log
entry", the admin's own change log), which the Administrator role receives in
``portal/migrations/0003_activity_log_permission.py``.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, F, IntegerField, Q, Value
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_model_for_model

from staff.admin_history import SYSTEM, user_label

PERMISSION = "admin.view_logentry"
PER_PAGE = 50
SYSTEM_CHOICE = "sistem"
# The first of these a history table has names its rows; the order prefers the Indonesian text.
LABEL_FIELDS = (
    "title_ind",
    "title",
    "name_ind",
    "name",
    "full_name",
    "term",
    "office_ind",
    "office",
    "username",
)
CHANGE_KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def tracked_models(site):
    """Models that keep a history and have admin screens, in a stable order."""
    models = [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None) and site.is_registered(model)
    ]
    return sorted(models, key=lambda model: model._meta.label_lower)


class ActivityFilterForm(forms.Form):
    """Filters of the log, sent as a GET query so a filtered page can be bookmarked or shared."""

    person = forms.ChoiceField(label=_("Person"), required=False)
    kind = forms.ChoiceField(label=_("Kind of content"), required=False)
    date_from = forms.DateField(
        label=_("From (date)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Until (date)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, data, *, models, users):
        super().__init__(data)
        self.fields["person"].choices = [
            ("", _("Everyone")),
            (SYSTEM_CHOICE, SYSTEM),
            *((str(user.pk), user_label(user)) for user in users),
        ]
        self.fields["kind"].choices = [
            ("", _("All kinds")),
            *((model._meta.label_lower, capfirst(model._meta.verbose_name_plural)) for model in models),
        ]

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned_data


def history_rows(models, person="", kind="", date_from=None, date_to=None):
    """Every history record of ``models`` that matches the filters, newest first, as one query."""
    filters = Q()
    if person == SYSTEM_CHOICE:
        filters &= Q(history_user__isnull=True)
    elif person:
        filters &= Q(history_user_id=person)
    if date_from:
        filters &= Q(history_date__gte=_start_of(date_from))
    if date_to:
        filters &= Q(history_date__lt=_start_of(date_to + timedelta(days=1)))
    parts = [
        _records(index, model, filters)
        for index, model in enumerate(models)
        if not kind or model._meta.label_lower == kind
    ]
    first, *rest = parts
    rows = first.union(*rest, all=True) if rest else first
    return rows.order_by("-history_date", "-history_id")


def _start_of(day):
    """Midnight of ``day`` in WITA, the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _records(index, model, filters):
    """One model's records with the columns every part of the union shares, in the same order."""
    history = get_history_model_for_model(model)
    names = {field.name for field in history._meta.fields}
    label = next((F(name) for name in LABEL_FIELDS if name in names), Value("", output_field=CharField()))
    return (
        history.objects.filter(filters)
        .order_by()
        .values(
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
            # Prefixed so that no model's own field (Stage.kind, say) is shadowed.
            log_object_id=F(model._meta.pk.attname),
            log_model=Value(index, output_field=IntegerField()),
            log_label=label,
        )
    )


@dataclass
class Entry:
    """One row of the log as the template shows it."""

    when: datetime
    who: str
    kind: str
    label: str
    change: str
    reason: str
    url: str
    history_url: str


def _entry(row, model, site):
    opts = model._meta
    object_id = quote(row["log_object_id"])

    def url(name, *args):
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args, current_app=site.name)

    names = " ".join(filter(None, [row["history_user__first_name"], row["history_user__last_name"]]))
    history_url = url("history", object_id)
    return Entry(
        when=row["history_date"],
        who=names or row["history_user__username"] or str(SYSTEM),
        kind=capfirst(opts.verbose_name),
        label=row["log_label"] or f"{capfirst(opts.verbose_name)} #{row['log_object_id']}",
        change=CHANGE_KINDS.get(row["history_type"], row["history_type"]),
        reason=row["history_change_reason"] or "",
        url=history_url if row["history_type"] == "-" else url("change", object_id),
        history_url=history_url,
    )


def activity_log(request, site):
    """The admin page: filters, one page of entries and the page links."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    models = tracked_models(site)
    users = get_user_model().objects.order_by("username")
    form = ActivityFilterForm(request.GET, models=models, users=users)
    form.is_valid()  # invalid fields show their message and filter nothing
    paginator = Paginator(history_rows(models, **form.cleaned_data), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    context = {
        **site.each_context(request),
        "title": _("Activity log"),
        "form": form,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "entries": [_entry(row, models[row["log_model"]], site) for row in page.object_list],
    }
    return TemplateResponse(request, "admin/activity_log.html", context)
