"""Sign-in budgets across addresses and accounts, and what staff are told after failed attempts.

django-axes pauses one username from one address after ``AXES_FAILURE_LIMIT`` wrong passwords.
An attacker spreads the guesses instead: many addresses on one account, or many accounts from
one address. Two budgets over django-axes's failure log (``AccessFailureLog``, a row per failed
attempt) slow both down:

- per account, from any address: ``PORTAL_LOGIN_ACCOUNT_BUDGET`` failures;
- per address, for any username: ``PORTAL_LOGIN_ADDRESS_BUDGET`` failures;

both within the last ``PORTAL_LOGIN_BUDGET_MINUTES``. Once a budget is spent, the next attempt
waits 2 seconds after the latest failure, and each further failure doubles the wait up to
``PORTAL_LOGIN_MAX_DELAY_SECONDS``. An attempt made during the wait is answered "wait N seconds"
without its password being checked or counted, so an attacker gets about one guess per pause
while a real staff member waits at most one pause: a delay, never a long lockout. When they do
sign in, they are told how many failed attempts their account had since their last sign-in.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import ngettext

# The wait never grows past this many doublings, whatever the cap.
MAX_DOUBLINGS = 20


@dataclass(frozen=True)
class Pause:
    """Sign-in must wait ``seconds`` more because the ``scope`` ("account" or "address") budget is spent."""

    scope: str
    seconds: int


def pause_for(username, address, at=None):
    """The longest wait the budgets impose on an attempt for ``username`` from ``address``, or None."""
    at = at or timezone.now()
    recent = AccessFailureLog.objects.filter(
        attempt_time__gte=at - timedelta(minutes=settings.PORTAL_LOGIN_BUDGET_MINUTES)
    )
    budgets = (
        ("account", "username", username, settings.PORTAL_LOGIN_ACCOUNT_BUDGET),
        ("address", "ip_address", address, settings.PORTAL_LOGIN_ADDRESS_BUDGET),
    )
    pauses = []
    for scope, column, value, budget in budgets:
        if not value:
            continue
        failures = recent.filter(**{column: value}).aggregate(count=Count("id"), latest=Max("attempt_time"))
        over = failures["count"] - budget
        if over < 0:
            continue
        delay = min(settings.PORTAL_LOGIN_MAX_DELAY_SECONDS, 2 ** (min(over, MAX_DOUBLINGS) + 1))
        remaining = (failures["latest"] + timedelta(seconds=delay) - at).total_seconds()
        if remaining > 0:
            pauses.append(Pause(scope, math.ceil(remaining)))
    return max(pauses, key=lambda pause: pause.seconds, default=None)


def last_sign_in(username):
    """When ``username`` last signed in (None for never or no such account)."""
    return (
        get_user_model()
        .objects.filter(**{get_user_model().USERNAME_FIELD: username})
        .values_list("last_login", flat=True)
        .first()
    )


def tell_about_failures(request, username, since):
    """After a sign-in: how many failed attempts the account had since ``since`` (all, if None)."""
    failures = AccessFailureLog.objects.filter(username=username)
    if since is not None:
        failures = failures.filter(attempt_time__gt=since)
    count = failures.count()
    if count:
        messages.warning(
            request,
            ngettext(
                "There was %(count)d failed sign-in attempt on your account since your last "
                "sign-in. If it was not you, change your password and tell an Administrator.",
                "There were %(count)d failed sign-in attempts on your account since your last "
                "sign-in. If it was not you, change your password and tell an Administrator.",
                count,
            )
            % {"count": count},
        )
