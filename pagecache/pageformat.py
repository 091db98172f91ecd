"""How a page is written to the shared cache: data that cannot run, signed so it cannot be forged.

A pickled response in Redis would run whatever code a forged entry names when it is read, so
anyone able to write to Redis could take over the portal. A page is stored instead as its status,
headers and body (base64) in JSON, compressed and signed with ``SECRET_KEY`` under its own salt
(``django.core.signing``): an entry that does not verify is refused before anything in it is used.
"""

import base64
import logging

from django.core import signing
from django.http import HttpResponse

from core.logs import QuietLog

SALT = "pagecache.pageformat.page"

# Forged or damaged entries: the first is logged at once, the rest summed up once a minute.
refused = QuietLog(
    logging.getLogger("portal.cache"),
    event="cache.refused",
    message="A cache entry this portal did not write was refused (read as a miss)",
)


class Refused(Exception):
    """What was read is not a page this portal wrote."""


def dumps(response):
    envelope = {
        "status": response.status_code,
        "headers": list(response.items()),
        "body": base64.b64encode(response.content).decode("ascii"),
    }
    return signing.dumps(envelope, salt=SALT, compress=True)


def loads(text):
    """The page signed by ``dumps``, as a new response; ``Refused`` for anything else."""
    try:
        envelope = signing.loads(text, salt=SALT)
        response = HttpResponse(base64.b64decode(envelope["body"], validate=True), status=envelope["status"])
        for name, value in envelope["headers"]:
            response[name] = value
    except (signing.BadSignature, AttributeError, KeyError, TypeError, ValueError) as error:
        raise Refused(type(error).__name__) from error
    return response
