"""Per-field agreement between parsed dev cables and their published metadata.

Shared by the agreement test and `python -m tests.corpus_fields`, which prints
the table. The metadata has known faults (see SOURCE_WRONG in the test);
`classification_title_attr` is never used, only `classification`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from generator import facts, read
from generator.build import cable_from_source
from generator.clean.tag_words import country_code
from generator.model import Cable

FIELDS = ("id", "created", "origin", "classification", "tags", "subject")


# Posts the metadata names other than by the station's title.
PUBLISHED_NAMES = {"STATE": "Secretary of State"}
# The metadata drops the "(" of a portion mark that opens a subject: "C) EUR DAS ...".
MARK_OPENING = re.compile(r"^\((?=[A-Z/]{1,6}\))")


def origin_title(origin: str) -> str:
    """The metadata's name for a post, e.g. "Embassy Ankara"."""
    if origin in PUBLISHED_NAMES:
        return PUBLISHED_NAMES[origin]
    station = facts.station(origin)
    return station.title if station else origin


def tag_words(tags: Iterable[str]) -> set[str]:
    """Tags as the metadata splits them: single words, upper case."""
    return {w for tag in tags for w in re.split(r"[^A-Z0-9]+", tag.upper()) if w}


def line_words(cable: Cable) -> set[str]:
    """Everything the TAGS line gave, codes, people and keywords, as the metadata splits it."""
    return tag_words((*cable.tags, *cable.tag_people, *cable.keywords))


def published_words(words: Iterable[str]) -> set[str]:
    """The metadata's tag words, a country name read as its code, as the cable's are."""
    return {country_code(w) or w for w in words}


def compare(cable: Cable, meta: dict[str, object]) -> dict[str, bool | None]:
    """Field -> agrees (None when the metadata gives no value)."""
    subject = str(meta.get("subject") or "")
    norm = lambda s: " ".join(s.split()).upper()  # noqa: E731
    return {
        "id": cable.id == meta["id"],
        # Partial extracts often lack the date-time group: their date is only in the
        # archive's metadata, so there is nothing in the text to compare.
        "created": cable.created[:10] == meta["date"]
        if cable.created and meta.get("date")
        else None,
        "origin": _same_origin(cable.origin, str(meta["origin"])),
        "classification": cable.classification == meta["classification"],
        "tags": line_words(cable) == published_words(meta["tags"]) if meta.get("tags") else None,  # type: ignore[arg-type]
        "subject": (
            norm(MARK_OPENING.sub("", cable.subject)).startswith(norm(subject)) if subject else None
        ),
    }


def _same_origin(origin: str, published: str) -> bool:
    if origin_title(origin).lower() == published.lower():
        return True
    station = facts.station(origin)
    names = {origin.lower(), *(a.lower() for a in station.aliases)} if station else set()
    last = published.split(" ", 1)[-1].lower()
    return last in names or last.replace(" ", "") in names or published.lower() in names


def agreement(folder: Path) -> dict[str, dict[str, bool | None]]:
    """Cable file stem -> field -> agrees, for every dev cable that parses."""
    results: dict[str, dict[str, bool | None]] = {}
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        outcome = cable_from_source(read.read_file(path))
        if outcome.cable is None:
            results[path.stem] = dict.fromkeys(FIELDS, False)
            continue
        results[path.stem] = compare(outcome.cable, meta)
    return results


def table(results: dict[str, dict[str, bool | None]]) -> str:
    """Field | agree | compared | share, one row per field."""
    rows = ["field           agree / compared"]
    for name in FIELDS:
        values = [r[name] for r in results.values() if r[name] is not None]
        share = 100 * sum(values) / max(len(values), 1)
        rows.append(f"{name:15} {sum(values):5} / {len(values):<5} {share:6.1f}%")
    return "\n".join(rows)


if __name__ == "__main__":
    found = agreement(Path(sys.argv[1]))
    print(table(found))
    for stem, fields in found.items():
        wrong = [k for k, v in fields.items() if v is False]
        if wrong:
            print(stem, wrong)
