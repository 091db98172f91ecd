"""Content changes for `make bench` (run by bench/run.py, not by hand): how fresh pages are after
a save, and a "publish storm" of one save a second.

Saves the featured election's Indonesian name as staff would in the admin (a committed model
save: a new content version and a refresh of the pages, pagecache.signals), with the production
settings and the same database and Redis as the server under test.

Usage (with the environment bench/run.py sets; each prints one line of JSON):
  python bench/publish.py fresh BASE_URL PATH ROUNDS   seconds from each save until PATH shows it
  python bench/publish.py storm SECONDS                one save a second for SECONDS
  python bench/publish.py renders                      renders counted so far (reader, background)
"""

import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from elections.models import Election  # noqa: E402
from pagecache import renders  # noqa: E402

POLL_SECONDS = 0.05
GIVE_UP_SECONDS = 60


def save(marker):
    election = Election.objects.featured()
    election.name_ind = f"{election.name_ind.split(' [')[0]} [{marker}]"
    election.save()


def fresh(base, path, rounds):
    delays = []
    for round_ in range(int(rounds)):
        marker = f"bench-{time.time_ns()}-{round_}"
        saved = time.monotonic()
        save(marker)
        while marker not in _read(base + path):
            if time.monotonic() - saved > GIVE_UP_SECONDS:
                raise SystemExit(f"{path} did not show the change within {GIVE_UP_SECONDS} s")
            time.sleep(POLL_SECONDS)
        delays.append(time.monotonic() - saved)
        time.sleep(1)
    return {"delays_s": delays}


def storm(seconds):
    saves = 0
    started = time.monotonic()
    while time.monotonic() - started < float(seconds):
        save(f"storm-{saves}")
        saves += 1
        time.sleep(max(0.0, started + saves - time.monotonic()))
    return {"saves": saves}


def _read(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
        return response.read().decode()


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "fresh":
        result = fresh(*arguments)
    elif command == "storm":
        result = storm(*arguments)
    else:
        result = renders.renders()
    print(json.dumps(result))
