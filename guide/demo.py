"""Demo voter guide and glossary from data/pilkada-balikpapan-2024/guide.toml (see its header)."""

import tomllib

from modeltranslation.utils import build_localized_fieldname as localized

from core.datafiles import DATA_DIR, upsert

from .models import Section, Term


def load(stdout):
    data = tomllib.loads((DATA_DIR / "guide.toml").read_text(encoding="utf-8"))
    for entry in data["section"]:
        upsert(
            Section,
            {"slug": entry["slug"]},
            {
                "order": entry["order"],
                "voting_day": entry["voting_day"],
                "source": entry["source"],
                localized("title", "id"): entry["title_id"],
                localized("title", "en"): entry["title_en"],
                localized("body", "id"): entry["body_id"].strip(),
                localized("body", "en"): entry["body_en"].strip(),
            },
        )
    for entry in data["term"]:
        upsert(
            Term,
            {"slug": entry["slug"]},
            {
                "term": entry["term"],
                "expansion": entry.get("expansion", ""),
                localized("definition", "id"): entry["definition_id"],
                localized("definition", "en"): entry["definition_en"],
            },
        )
    stdout.write(f"Guide: {len(data['section'])} sections, {len(data['term'])} glossary terms")
