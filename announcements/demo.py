"""Demo announcements and the real fact check, from data/pilkada-balikpapan-2024/announcements.toml.

Idempotent without noise: a row is saved only when a value differs, so running the command
again writes nothing, and the change log gains no empty versions.
"""

import tomllib

from modeltranslation.utils import build_localized_fieldname

from core.datafiles import DATA_DIR
from elections.models import Election, Stage

from .models import Announcement, FactCheck, Status

DATA = DATA_DIR / "announcements.toml"
# The invented "[Contoh]" fact checks earlier demos loaded: fictional content must not stay beside
# the real fact check in a database that still has them.
RETIRED_FACT_CHECKS = ("contoh-mencoblos-lewat-whatsapp", "contoh-pilkada-hanya-memilih-wali-kota")


def load(stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    elections = {election.slug: election for election in Election.objects.all()}
    outcomes = []
    for entry in data["announcement"]:
        election = elections.get(entry.get("election"))
        stage = None
        if election and entry.get("stage_kind"):
            stage = Stage.objects.filter(election=election, kind=entry["stage_kind"]).first()
        values = {
            **_common(entry),
            **_translated(entry, ("title", "summary", "body")),
            "category": entry["category"],
            "pinned": entry.get("pinned", False),
            "source": data["source"],
            "election_id": election.pk if election else None,
            "stage_id": stage.pk if stage else None,
        }
        outcomes.append(_upsert(Announcement, entry["slug"], values))
    for entry in data["fact_check"]:
        values = {
            **_common(entry),
            **_translated(entry, ("title", "claim", "claim_channel", "explanation")),
            "verdict": entry["verdict"],
            "evidence": entry.get("evidence", ""),
            "claim_seen_on": entry.get("claim_seen_on"),
        }
        outcomes.append(_upsert(FactCheck, entry["slug"], values))
    removed, _by_model = FactCheck.objects.filter(slug__in=RETIRED_FACT_CHECKS).delete()
    stdout.write(
        f"Announcements and fact checks: {outcomes.count('created')} created, "
        f"{outcomes.count('updated')} updated, {outcomes.count('unchanged')} unchanged"
        + (f"; {removed} retired example rows removed." if removed else ".")
    )


def _common(entry):
    return {"status": Status.PUBLISHED, "publish_at": entry["publish_at"]}


def _translated(entry, names):
    return {
        build_localized_fieldname(name, language): entry[language][name].strip()
        for name in names
        for language in ("id", "en")
    }


def _upsert(model, slug, values):
    item = model.objects.filter(slug=slug).first()
    if item is None:
        model(slug=slug, **values).save()
        return "created"
    changed = {name: value for name, value in values.items() if getattr(item, name) != value}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(item, name, value)
    item.save()
    return "updated"
