"""Structured logs that operators can search and that never carry a secret or personal data.

Every record becomes one JSON object per line: time, level, logger, message, an ``event`` name
for the things operators look for (``login.failed``, ``content.published``, ``import.done``, ...)
and the extra fields the caller gave. ``RedactFilter`` masks what must never reach a log file:
passwords, tokens, session ids and cookies, and full NIK (16-digit national identity numbers).
"""

import json
import logging
import re
import threading
import time
from datetime import UTC, datetime

# Standard LogRecord attributes; anything else on a record was passed with ``extra=``.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime", "taskName"}
)
# Django attaches the request (cookies, headers) to its records: never written out.
_NEVER_WRITTEN = frozenset({"request", "server_time"})
SECRET_KEYS = re.compile(
    r"pass(word|wd)?|secret|token|session|cookie|csrf|otp|authorization|api[_-]?key", re.I
)
SECRET_VALUES = re.compile(
    r"(?P<key>pass(?:word|wd)?|secret|token|sessionid|csrftoken|csrfmiddlewaretoken|otp_token|api[_-]?key)"
    r"(?P<sep>['\"]?\s*[:=]\s*['\"]?)(?P<value>[^\s&'\",;]+)",
    re.I,
)
# "Authorization: Bearer abc…" and "postgres://user:secret@host": the credential part.
BEARER = re.compile(r"(?P<scheme>\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]+", re.I)
URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+(?=@)", re.I)
NIK = re.compile(r"(?<!\d)(\d{6})\d{6}(\d{4})(?!\d)")
MASK = "[redacted]"


def redact_text(text):
    """``password=hunter2`` → ``password=[redacted]``; a NIK keeps only its region code and last digits."""
    text = SECRET_VALUES.sub(lambda m: f"{m['key']}{m['sep']}{MASK}", text)
    text = BEARER.sub(lambda m: f"{m['scheme']}{MASK}", text)
    text = URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", text)
    return NIK.sub(r"\1******\2", text)


def redact_value(key, value):
    if SECRET_KEYS.search(key):
        return MASK
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(key, v) for v in value]
    return value


class RedactFilter(logging.Filter):
    """Masks secrets and NIK numbers in the message and in the extra fields of every record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact_text(message), ()
        for key in set(vars(record)) - _RECORD_ATTRIBUTES - _NEVER_WRITTEN:
            setattr(record, key, redact_value(key, getattr(record, key)))
        # A traceback repeats the exception's message and the code's values: formatted once
        # here and masked, into the attribute every formatter prints instead of formatting anew.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and key not in _NEVER_WRITTEN and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class QuietLog:
    """A run of the same failure in a few lines: when it starts, a summary at most every
    ``interval`` seconds while it lasts, and when it ends (``succeeded``).

    A dependency failing under hundreds of requests a second would otherwise write as many
    lines, each with a traceback. Kept per process, so each worker writes its own few lines.
    """

    def __init__(self, logger, event, message, interval=60, clock=time.monotonic):
        self.logger = logger
        self.clock = clock
        self.event = event
        self.message = message
        self.interval = interval
        self._lock = threading.Lock()
        self._started = None
        self._last_line = 0.0
        self._since_last_line = 0
        self._total = 0

    def failed(self, **details):
        now = self.clock()
        with self._lock:
            self._total += 1
            if self._started is None:
                self._started = self._last_line = now
                line = ("started", f"{self.message} ({details.get('reason', 'failed')})", {})
            else:
                self._since_last_line += 1
                if now - self._last_line < self.interval:
                    return
                seconds = round(now - self._last_line)
                counts = {"failures": self._since_last_line, "seconds": seconds}
                summary = f"{self.message}: still failing, {counts['failures']} failures in {seconds} s"
                line = ("continuing", summary, counts)
                self._last_line, self._since_last_line = now, 0
        phase, message, counts = line
        level = logging.ERROR if phase == "started" else logging.WARNING
        self.logger.log(level, message, extra={"event": self.event, "phase": phase, **details, **counts})

    def succeeded(self):
        if self._started is None:  # the usual case, read without the lock: a late line is harmless
            return
        with self._lock:
            if self._started is None:
                return
            seconds, failures = round(self.clock() - self._started), self._total
            self._started, self._since_last_line, self._total = None, 0, 0
        self.logger.warning(
            f"{self.message}: over after {seconds} s and {failures} failures",
            extra={"event": self.event, "phase": "ended", "failures": failures, "seconds": seconds},
        )
