"""The Redis cache backend: JSON instead of pickle, and an outage in a few log lines.

django-redis pickles what it stores and unpickles what it reads, so anyone able to write to
Redis could run code in the portal; here values are JSON (pages are signed envelopes inside it,
``pagecache.pageformat``), and a value that is not JSON reads as a miss.

With ``IGNORE_EXCEPTIONS`` django-redis answers a miss when Redis is out of reach and, if told
to log, writes a traceback for every failed operation: hundreds a second under load. Here the
failures are counted instead (``core.logs.QuietLog``): one ERROR line when the outage starts,
a WARNING summary at most once a minute while it lasts, one WARNING line when Redis answers again.
"""

import json
import logging

from django_redis import cache as django_redis_cache
from django_redis.serializers.json import JSONSerializer
from redis.exceptions import RedisError

from core.logs import QuietLog
from pagecache import pageformat

outage = QuietLog(
    logging.getLogger("portal.cache"),
    event="cache.unavailable",
    message="The shared cache (Redis) cannot be reached; pages are served without it",
)
# Raised by an operation whose answer cannot be used; socket timeouts arrive as TimeoutError.
FAILURES = (RedisError, OSError)


class SafeJSONSerializer(JSONSerializer):
    """JSON both ways; a value someone else wrote that is not JSON is a miss, never an error."""

    def loads(self, value):
        try:
            return super().loads(value)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            pageformat.refused.failed(reason=type(error).__name__)
            return None


def _quiet(name, failed=None):
    """The backend's ``name`` operation, answering ``failed`` when Redis cannot."""

    def method(self, *args, **kwargs):
        try:
            result = getattr(super(RedisCache, self), name)(*args, **kwargs)
        except FAILURES as error:
            outage.failed(reason=type(error).__name__)
            return failed
        outage.succeeded()
        return result

    method.__name__ = name
    return method


class RedisCache(django_redis_cache.RedisCache):
    """django-redis's backend whose failures reach ``outage`` rather than a traceback each."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # django-redis would swallow (and log) each failure itself; they are handled below.
        self._ignore_exceptions = False

    def get(self, key, default=None, version=None, client=None):
        try:
            value = super().get(key, default, version, client)
        except FAILURES as error:
            outage.failed(reason=type(error).__name__)
            return default
        outage.succeeded()
        return value

    get_many = _quiet("get_many", failed={})
    set = _quiet("set", failed=False)
    set_many = _quiet("set_many", failed=[])
    add = _quiet("add", failed=False)
    delete = _quiet("delete", failed=False)
    delete_many = _quiet("delete_many", failed=0)
    delete_pattern = _quiet("delete_pattern", failed=0)
    has_key = _quiet("has_key", failed=False)
    incr = _quiet("incr")
    decr = _quiet("decr")
    touch = _quiet("touch", failed=False)
    clear = _quiet("clear", failed=False)
