"""`cablegen people`: who the corpus names, how often, and which names may be one person.

Near-duplicates are pairs the registry does not merge yet but probably should:
the same surname with a similar given name (Yevgeniy / Yevgeny Zhovtis), or a
surname alone beside a full name with that surname (Hoagland / Richard Hoagland).
The editor decides, by adding aliases to content/people.toml.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TextIO

from generator.commands import build
from generator.people import names
from generator.people.registry import Registry, RegistryError, load_registry
from generator.source import read

SIMILAR = 0.7
"""Given names at least this similar (difflib ratio) are flagged."""


@dataclass
class Person:
    """One canonical name across the corpus."""

    name: str
    slug: str
    cables: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    spellings: set[str] = field(default_factory=set)


def near_duplicates(people: list[Person], registry: Registry) -> list[dict[str, str]]:
    """Pairs of different canonical names that may be the same person."""
    by_surname: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_surname[names.surname(person.name)].append(person)
    pairs = []
    for group in by_surname.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                reason = _reason(a.name, b.name)
                if reason and not _merged(a.name, b.name, registry):
                    pairs.append({"a": a.name, "b": b.name, "reason": reason})
    return sorted(pairs, key=lambda p: (names.surname(p["a"]), p["a"], p["b"]))


def _reason(a: str, b: str) -> str | None:
    given_a, given_b = names.key(a).split()[:-1], names.key(b).split()[:-1]
    if not given_a or not given_b:
        return "surname alone beside a full name"
    ratio = SequenceMatcher(None, " ".join(given_a), " ".join(given_b)).ratio()
    if ratio >= SIMILAR or given_a[0].startswith(given_b[0]) or given_b[0].startswith(given_a[0]):
        return f"same surname, similar given name ({ratio:.2f})"
    return None


def _merged(a: str, b: str, registry: Registry) -> bool:
    entry = registry.lookup(a)
    return entry is not None and entry is registry.lookup(b)


def collect(content: Path, registry: Registry, err: TextIO) -> tuple[list[Person], int, int]:
    """Every person of every cable under content/cables: (people, cables, skipped)."""

    found: dict[str, Person] = {}
    cables = skipped = 0
    folder = content / "cables"
    for source in read.walk(folder) if folder.is_dir() else ():
        outcome = build.cable_from_source(source, registry)
        if outcome.cable is None:
            skipped += 1
            for diag in outcome.diagnostics:
                print(f"skipped {diag}", file=err)
            continue
        cables += 1
        for mention in outcome.cable.people:
            person = found.setdefault(mention.slug, Person(mention.name, mention.slug))
            person.cables += 1
            person.roles.update(mention.roles)
            person.spellings.update(mention.spellings)
    order = sorted(found.values(), key=lambda p: (-p.cables, names.surname(p.name), p.name))
    return order, cables, skipped


def run_people_command(
    content: Path | None, as_json: bool, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """List people with counts and the near-duplicates to decide; 2 for a broken registry."""
    out, err = out or sys.stdout, err or sys.stderr
    content = content or Path("content")
    try:
        registry = load_registry(content / "people.toml")
    except RegistryError as exc:
        print(exc, file=err)
        return 2
    people, cables, skipped = collect(content, registry, err)
    duplicates = near_duplicates(people, registry)
    if as_json:
        record = {
            "cables": cables,
            "skipped": skipped,
            "people": [
                {
                    "name": p.name,
                    "slug": p.slug,
                    "cables": p.cables,
                    "roles": dict(sorted(p.roles.items())),
                    "spellings": sorted(p.spellings),
                }
                for p in people
            ],
            "near_duplicates": duplicates,
        }
        print(json.dumps(record, ensure_ascii=False, indent=2), file=out)
        return 0
    print(f"{len(people)} people in {cables} cables ({skipped} skipped)", file=out)
    for p in people:
        roles = ", ".join(f"{r} {n}" for r, n in sorted(p.roles.items()))
        print(f"{p.cables:6d}  {p.name}  [{roles}]", file=out)
    print(f"\n{len(duplicates)} near-duplicates to decide in {content / 'people.toml'}:", file=out)
    for d in duplicates:
        print(f"  {d['a']}  /  {d['b']}  ({d['reason']})", file=out)
    return 0
