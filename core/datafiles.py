"""Helpers for the idempotent demo loaders in each app (see ``load_demo``)."""

import csv
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(settings.BASE_DIR) / "data" / "pilkada-balikpapan-2024"


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def upsert(model, lookup, values):
    """Create or update one row, saving only when something differs (so no spurious history)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        return instance, "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
        return instance, "updated"
    return instance, "unchanged"
