"""Audit lines in the log for sign-ins and publishing, for operators and incident reviews.

What is logged: who (username) and from where (client address) signed in, failed to sign in,
failed the one-time code or signed out; who published, scheduled, unpublished, corrected or
deleted a public announcement or fact check (a proposed correction a publisher applies is logged
as a correction by that publisher). Never a password, code, token or session id (see core.logs).
These receivers only write log lines; the rules themselves live in the models and the admin.
"""

import logging
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed
from simple_history.signals import post_create_historical_record

from core.clientip import client_address

logger = logging.getLogger("staff.audit")

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
        "One-time code refused", extra={"event": "login.otp_failed", "username": user.get_username()}
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
