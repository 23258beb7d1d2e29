"""The offline lookup: cable IDs and subjects as small script files.

Opened from disk (file://) a browser refuses both fetch() and Pagefind's
worker, so the search page falls back to data it can load with plain
<script src> tags: each file assigns one entry of the global `cablegenData`.
Files are sharded so a lookup by ID loads one small file (keyed by the first
three characters of the ID) and a lookup by subject words loads bounded parts
one after another, at any archive size. Everything here is pure: it returns
file contents keyed by site-root path and the index stage writes them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from generator import people
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.people import EMPTY, Registry

FOLDER = "search/lookup"
SUBJECT_PART = 4000
"""Rows per subject file: about 400 KB, quick to load from disk or network."""

_KEY_CHAR = re.compile(r"[^A-Z0-9]")


def normal_id(text: str) -> str:
    """An ID as typed ("09 astana 2159") in canonical form ("09ASTANA2159").

    The search page's script applies the same rule (static/search-lookup.js).
    """
    # str.split() drops the same whitespace as the regex \s+, several times faster:
    # this runs for every cable of the archive on each index update.
    return "".join(text.split()).upper()


def id_key(cable_id: str) -> str:
    """Name of the ID file holding `cable_id`: its first three characters, made safe."""
    key = _KEY_CHAR.sub("_", normal_id(cable_id)[:3])
    return key or "_"


def cable_dir(m: CableMeta) -> str:
    """The part of a cable's page path between "cable/" and "/ID.html" ("2009/12")."""
    return m.path[len("cable/") : -len(f"/{m.id}.html")]


def script(key: str, value: object) -> str:
    """A script file that stores `value` as cablegenData[key]."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" could end an inline script if the data were ever inlined; keep it inert anyway.
    data = data.replace("</", "<\\/")
    return f'(self.cablegenData=self.cablegenData||{{}})["{key}"]={data};\n'


def _id_files(corpus: Corpus) -> dict[str, dict[str, str]]:
    files: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for cid in corpus.order:
        m = corpus.cables[cid]
        files[id_key(cid)][normal_id(cid)] = cable_dir(m)
    return files


def _subject_parts(corpus: Corpus) -> list[tuple[str, str, list[list[str]]]]:
    """(year label, file stem, rows), newest year first: recent cables are looked up most."""
    by_year: defaultdict[str, list[list[str]]] = defaultdict(list)
    for cid in corpus.order:
        m = corpus.cables[cid]
        year = str(m.year) if m.year is not None else "undated"
        date = m.created[:10] if m.created else ""
        by_year[year].append([cid, cable_dir(m), date, m.origin, m.subject])
    parts = []
    # Newest first, undated last.
    for year in sorted(by_year, key=lambda y: (y == "undated", -int(y) if y.isdigit() else 0)):
        rows = by_year[year]
        for n, start in enumerate(range(0, len(rows), SUBJECT_PART), 1):
            parts.append((year, f"{year}-{n}", rows[start : start + SUBJECT_PART]))
    return parts


def people_spellings(corpus: Corpus, registry: Registry) -> dict[str, str]:
    """Each spelling the registry gives a person the archive names, lower-cased -> name.

    The search page reads a query that is one of these as that person (its
    filter value is the name), so "Gaddafi" finds the cables that write
    "Qadhafi". Only the registry's spellings: an editor decided them, where
    the forms found in cables include a bare given name; and the file stays
    small at any archive size. The registry already refuses a spelling given
    to two people.
    """
    named = {p.name for cid in corpus.order for p in corpus.cables[cid].people}
    return {
        " ".join(spelling.lower().split()): entry.name
        for entry in registry.entries
        if entry.name in named
        for spelling in (entry.name, *entry.aliases)
    }


def lookup_files(corpus: Corpus, registry: Registry = EMPTY) -> dict[str, str]:
    """Every offline lookup file, site-root path -> text.

    search/lookup/index.js lists the subject parts; ids/KEY.js map IDs to their
    page folder; subjects/YEAR-N.js hold [id, folder, date, origin, subject] rows;
    people.js maps the spellings of registry people to their names.
    """
    out: dict[str, str] = {}
    for key, ids in _id_files(corpus).items():
        out[f"{FOLDER}/ids/{key}.js"] = script(f"ids/{key}", ids)
    parts = _subject_parts(corpus)
    for _year, stem, rows in parts:
        out[f"{FOLDER}/subjects/{stem}.js"] = script(f"subjects/{stem}", rows)
    index = {
        "count": len(corpus.order),
        "subjects": [[year, stem, len(rows)] for year, stem, rows in parts],
    }
    out[f"{FOLDER}/index.js"] = script("index", index)
    out[f"{FOLDER}/people.js"] = script("people", people_spellings(corpus, registry))
    return out


def site_registry(config: SiteConfig) -> Registry:
    """The people registry, for the search page's spellings (a broken one: the build said so)."""
    try:
        return people.load_registry(config.content / "people.toml")
    except people.RegistryError:
        return EMPTY
