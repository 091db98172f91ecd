"""Audit lines in the log for sign-ins, accounts and publishing, for operators and incident reviews.

What is logged: who (username) and from where (client address) signed in, failed to sign in,
failed the one-time code or signed out; who created, changed or deleted whose account or which
role, and what changed (field names; roles, permissions and status with their old and new
values); who set up, replaced or reset whose second factor, and a refused attempt to change what
an account may do; who published, scheduled, unpublished, corrected or deleted a public
announcement or fact check (a proposed correction a publisher applies is logged as a correction
by that publisher). Never a password, code, token or session id (see core.logs). These
receivers only write log lines; the rules themselves live in the models and the admin.
"""

import logging
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record
from simple_history.utils import get_m2m_reverse_field_name

from core.clientip import client_address

logger = logging.getLogger("portal.audit")

LOGIN_AT_KEY = "portal_login_at"
# django.contrib.auth's field limit; anything longer was not a username.
USERNAME_MAX = 150


def _address(request):
    return client_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="portal-audit-login")
def logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # The start of the session, for the absolute limit on staff sessions.
        request.session[LOGIN_AT_KEY] = int(time.time())
    logger.info(
        "Sign-in succeeded",
        extra={"event": "login.succeeded", "username": user.get_username(), "ip": _address(request)},
    )


@receiver(user_login_failed, dispatch_uid="portal-audit-login-failed")
def login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:USERNAME_MAX]
    logger.warning(
        "Sign-in failed", extra={"event": "login.failed", "username": username, "ip": _address(request)}
    )


@receiver(otp_verification_failed, dispatch_uid="portal-audit-otp-failed")
def otp_failed(sender, user, **kwargs):
    logger.warning(
        "One-time code refused",
        extra={"event": "login.otp_failed", "username": user.get_username(), "ip": _address(_request())},
    )


@receiver(user_logged_out, dispatch_uid="portal-audit-logout")
def logged_out(sender, request, user, **kwargs):
    logger.info(
        "Signed out",
        extra={"event": "logout", "username": user.get_username() if user else None, "ip": _address(request)},
    )


PUBLISHED = "published"
WATCHED = {"announcements.announcement", "announcements.factcheck"}


@receiver(post_create_historical_record, dispatch_uid="portal-audit-publishing")
def publishing_changed(sender, instance, history_instance, **kwargs):
    if instance._meta.label_lower not in WATCHED:
        return
    before = history_instance.prev_record
    was_public = before is not None and before.status == PUBLISHED
    is_public = instance.status == PUBLISHED
    if history_instance.history_type == "-":
        event = "content.deleted" if is_public else None
    elif is_public and not was_public:
        event = "content.published"
    elif was_public and not is_public:
        event = "content.unpublished"
    elif is_public and before.publish_at != instance.publish_at:
        event = "content.rescheduled"
    elif is_public and before.corrected_at != instance.corrected_at:
        event = "content.corrected"
    else:
        event = None
    if event is None:
        return
    user = history_instance.history_user
    logger.info(
        "Publishing status changed",
        extra={
            "event": event,
            "model": instance._meta.label_lower,
            "object_id": instance.pk,
            "slug": instance.slug,
            "publish_at": instance.publish_at.isoformat() if instance.publish_at else None,
            "username": user.get_username() if user else None,
        },
    )


ACCOUNT_MODELS = {"auth.user": "account", "auth.group": "group"}
HISTORY_EVENTS = {"+": "created", "~": "changed", "-": "deleted"}
# Fields whose old and new values go into the log; of the others only the name does.
STATUS_FIELDS = {"is_active", "is_staff", "is_superuser"}


def _request():
    """The request being answered, as django-simple-history's middleware keeps it."""
    return getattr(HistoricalRecords.context, "request", None)


def _actor(request):
    user = getattr(request, "user", None)
    return user.get_username() if user is not None and user.is_authenticated else None


@receiver(post_create_historical_record, dispatch_uid="portal-audit-accounts")
def account_changed(sender, instance, history_instance, **kwargs):
    kind = ACCOUNT_MODELS.get(instance._meta.label_lower)
    if kind is None:
        return
    fields, changes = _account_changes(instance, history_instance)
    if history_instance.history_type == "~" and not fields:
        return
    user = history_instance.history_user
    logger.info(
        "Account or role changed",
        extra={
            "event": f"{kind}.{HISTORY_EVENTS[history_instance.history_type]}",
            "username": user.get_username() if user else None,
            "target": str(instance),
            "fields": fields,
            "changes": changes,
            "ip": _address(_request()),
        },
    )


def _account_changes(instance, history_instance):
    """The names of the fields that changed, and the old and new roles, permissions and status."""
    fields, changes = [], {}
    if history_instance.history_type == "~" and getattr(instance, "_password", None) is not None:
        # set_password() keeps the raw password there until save() has finished.
        fields.append("password")
    before = history_instance.prev_record
    if before is None or history_instance.history_type != "~":
        return fields, changes
    opts = instance._meta
    for change in history_instance.diff_against(before).changes:
        field = opts.get_field(change.field)
        fields.append(change.field)
        if field.many_to_many:
            key = get_m2m_reverse_field_name(field)
            old = {row[key] for row in change.old}
            new = {row[key] for row in change.new}
            changes[change.field] = {
                "added": _names(field, new - old),
                "removed": _names(field, old - new),
            }
        elif change.field in STATUS_FIELDS:
            changes[change.field] = {"old": change.old, "new": change.new}
    return sorted(fields), changes


def _names(field, ids):
    related = field.related_model.objects.filter(pk__in=ids)
    if field.related_model._meta.label_lower == "auth.permission":
        return sorted(
            f"{p.content_type.app_label}.{p.codename}" for p in related.select_related("content_type")
        )
    return sorted(str(item) for item in related)


def account_refused(request, account, fields):
    """Someone sent a change the admin does not offer them (staff.admin)."""
    logger.warning(
        "Account change refused",
        extra={
            "event": "account.refused",
            "username": _actor(request),
            "target": account.get_username() if account is not None else None,
            "fields": fields,
            "ip": _address(request),
        },
    )


def second_factor_event(request, event, owner):
    """A second factor set up, replaced or reset, or a wrong code at its set-up: by whom, for whom."""
    logger.log(
        logging.WARNING if event == "twofactor.code_refused" else logging.INFO,
        "Second factor changed" if event != "twofactor.code_refused" else "One-time code refused",
        extra={
            "event": event,
            "username": _actor(request),
            "target": owner.get_username(),
            "ip": _address(request),
        },
    )


def sign_in_slowed(request, username, pause):
    """An attempt answered "wait" because a sign-in budget is spent (staff.signin)."""
    logger.warning(
        "Sign-in slowed down",
        extra={
            "event": "login.slowed",
            "username": username,
            "ip": _address(request),
            "scope": pause.scope,
            "wait_seconds": pause.seconds,
        },
    )
