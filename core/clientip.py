"""The address a request really comes from, for sign-in lockouts and the audit log.

Each trusted reverse proxy appends the address it was contacted from to X-Forwarded-For, so
with ``PORTAL_TRUSTED_PROXY_COUNT`` = N proxies in front, the client is the N-th entry from the
right. Entries further left were written by the client itself and prove nothing. With N = 0 (the
default) the header is ignored and the connection's address is used.
"""

from ipaddress import ip_address

from django.conf import settings


def client_address(request):
    trusted = settings.PORTAL_TRUSTED_PROXY_COUNT
    if trusted > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted and _valid(hops[-trusted]):
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR")


def _valid(address):
    try:
        ip_address(address)
    except ValueError:
        return False
    return True
