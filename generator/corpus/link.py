"""Link stage: cable metadata -> Corpus, the cross-reference indexes.

Only metadata lives here (a few hundred bytes per cable), never bodies, so the
whole 250,000-cable archive links in memory; bodies stream through render.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator import urls
from generator.model import Cable, Mention, Reference
from generator.people import sentence_for


@dataclass(frozen=True)
class PersonRef:
    """A person named by a cable, as the indexes need it."""

    name: str
    slug: str
    roles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    spellings: tuple[str, ...] = ()
    """The forms the cable writes the name in (person pages list them as aliases)."""
    sentence: str = ""
    """A short sentence (<= 300 chars) naming them, for the person page's timeline."""


@dataclass(frozen=True, slots=True)
class Version:
    """One distinct text of a cable, and the inputs that hold it (generator.corpus.versions).

    Inputs are one version when their cleaned paragraph texts are equal, spacing
    aside: the shape, the page layout and the routing header do not count.
    """

    key: str
    """Digest of the cleaned paragraph texts, whitespace collapsed."""
    inputs: tuple[tuple[str, str], ...]
    """(input path, source digest) of each input with this text, sorted by path."""
    words: int
    """Words in the paragraphs."""
    partial: bool
    """True for a partial extract."""

    @property
    def path(self) -> str:
        """The input a version is loaded from and named by: its first, by path."""
        return self.inputs[0][0]


def paragraph_words(cable: Cable) -> list[str]:
    """The words of the body, paragraph after paragraph (the text a version is)."""
    return [w for p in cable.paragraphs for w in p.text.split()]


def text_key(cable: Cable) -> str:
    """What makes two inputs the same version: their paragraph texts, spacing aside."""
    text = "\n".join(" ".join(p.text.split()) for p in cable.paragraphs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def version_of(cable: Cable) -> Version:
    """The one version a single input is."""
    words = len(paragraph_words(cable))
    return Version(text_key(cable), ((cable.source_path, cable.digest),), words, cable.partial)


@dataclass(frozen=True)
class CableMeta:
    """What every page but the cable's own needs to know about a cable."""

    id: str
    created: str | None
    year: int | None
    month: int | None
    origin: str
    classification: str
    tags: tuple[str, ...]
    subject: str
    references: tuple[Reference, ...]
    """Each REF as the cable gives it, with the ID it resolves to when known."""
    people: tuple[PersonRef, ...]
    signer: str | None
    partial: bool
    source_path: str
    digest: str
    path: str
    """Site-root path of the cable page."""
    disagreements: int = 0
    """How many fields the release metadata gives otherwise than the cable's text."""
    versions: tuple[Version, ...] = ()
    """Every distinct text of the cable (generator.corpus.versions), by input path."""

    @property
    def cites(self) -> tuple[str, ...]:
        """The IDs its REFs resolve to, each once, in REF order, its own ID left out."""
        return tuple(dict.fromkeys(r.id for r in self.references if r.id and r.id != self.id))

    @property
    def sort_key(self) -> tuple[str, str]:
        """Chronological order; undated cables sort first, then by ID."""
        return (self.created or "", self.id)


def shown_date(created: str | None, year: int | None) -> str:
    """The date a list or page shows: "YYYY-MM-DD", else the year alone, else "undated"."""
    if created:
        return created[:10]
    return str(year) if year else "undated"


def meta(cable: Cable) -> CableMeta:
    """The metadata of a finished cable."""
    month = int(cable.created[5:7]) if cable.created else None
    return CableMeta(
        id=cable.id,
        created=cable.created,
        year=cable.year,
        month=month,
        origin=cable.origin,
        classification=cable.classification,
        tags=cable.tags,
        subject=cable.subject,
        references=cable.references,
        people=_person_refs(cable) if cable.people else (),
        signer=cable.signer,
        partial=cable.partial,
        source_path=cable.source_path,
        digest=cable.digest,
        path=urls.cable(cable.id, cable.year, month),
        disagreements=len(cable.disagreements),
        versions=(version_of(cable),),
    )


SENTENCE_LIMIT = 300


def _person_refs(cable: Cable) -> tuple[PersonRef, ...]:
    # The paragraphs by anchor, gathered once for every person of the cable.
    anchors = {f"p{p.number}": p.text for p in cable.paragraphs if p.number}
    return tuple(
        PersonRef(m.name, m.slug, m.roles, m.paragraphs, m.spellings, _sentence(cable, m, anchors))
        for m in cable.people
    )


def _sentence(cable: Cable, m: Mention, anchors: dict[str, str]) -> str:
    """The sentence that names `m`, kept here so person pages need no cable bodies."""
    texts = [anchors[a] for a in m.paragraphs if a in anchors] or [p.text for p in cable.paragraphs]
    names = m.spellings or tuple(m.name.split()[-1:])
    for text in texts:
        found = sentence_for(text, names)
        if found:
            return _clip(" ".join(found.split()))
    return ""


def _clip(sentence: str) -> str:
    if len(sentence) <= SENTENCE_LIMIT:
        return sentence
    return sentence[: SENTENCE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class Corpus:
    """Indexes over all cables. Every tuple of IDs is in chronological order."""

    cables: dict[str, CableMeta]
    order: tuple[str, ...]
    by_tag: dict[str, tuple[str, ...]]
    by_origin: dict[str, tuple[str, ...]]
    by_month: dict[tuple[int, int], tuple[str, ...]]
    by_year: dict[int, tuple[str, ...]]
    by_classification: dict[str, tuple[str, ...]]
    by_person: dict[str, tuple[str, ...]]
    """Person slug -> IDs of the cables that name them."""
    person_names: dict[str, str]
    """Person slug -> canonical name."""
    referenced_by: dict[str, tuple[str, ...]]
    """Cable ID -> IDs of the cables in the archive whose REFs cite it."""

    def get(self, cable_id: str | None) -> CableMeta | None:
        return self.cables.get(cable_id) if cable_id else None

    def neighbours(self, cable_id: str) -> tuple[CableMeta | None, CableMeta | None]:
        """Previous and next cable from the same post, by date."""
        m = self.cables[cable_id]
        ids = self.by_origin[m.origin]
        i = _position(ids, self.cables, m)
        prev_id = ids[i - 1] if i > 0 else None
        next_id = ids[i + 1] if i + 1 < len(ids) else None
        return self.get(prev_id), self.get(next_id)

    def chronological(self, cable_id: str) -> tuple[CableMeta | None, CableMeta | None]:
        """Previous and next cable of the whole archive, by date (then ID)."""
        i = _position(self.order, self.cables, self.cables[cable_id])
        prev_id = self.order[i - 1] if i > 0 else None
        next_id = self.order[i + 1] if i + 1 < len(self.order) else None
        return self.get(prev_id), self.get(next_id)


def _position(ids: Sequence[str], cables: dict[str, CableMeta], m: CableMeta) -> int:
    # Binary search on the chronological key: origins can hold tens of thousands of cables.
    lo, hi = 0, len(ids)
    key = m.sort_key
    while lo < hi:
        mid = (lo + hi) // 2
        if cables[ids[mid]].sort_key < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


def link(metas: Iterable[CableMeta]) -> Corpus:
    """Build every index in one pass over the metadata."""
    cables = {m.id: m for m in metas}
    order = tuple(sorted(cables, key=lambda i: cables[i].sort_key))
    by_tag: defaultdict[str, list[str]] = defaultdict(list)
    by_origin: defaultdict[str, list[str]] = defaultdict(list)
    by_month: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    by_year: defaultdict[int, list[str]] = defaultdict(list)
    by_class: defaultdict[str, list[str]] = defaultdict(list)
    by_person: defaultdict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    cited: defaultdict[str, list[str]] = defaultdict(list)
    for cid in order:
        m = cables[cid]
        for code in dict.fromkeys(m.tags):
            by_tag[code].append(cid)
        by_origin[m.origin].append(cid)
        if m.year is not None:
            by_year[m.year].append(cid)
            if m.month is not None:
                by_month[(m.year, m.month)].append(cid)
        by_class[m.classification].append(cid)
        for p in m.people:
            by_person[p.slug].append(cid)
            names.setdefault(p.slug, p.name)
        for ref in m.cites:
            if ref in cables:
                cited[ref].append(cid)

    def freeze(d: dict) -> dict:  # type: ignore[type-arg]
        return {k: tuple(v) for k, v in d.items()}

    return Corpus(
        cables=cables,
        order=order,
        by_tag=freeze(by_tag),
        by_origin=freeze(by_origin),
        by_month=freeze(by_month),
        by_year=freeze(by_year),
        by_classification=freeze(by_class),
        by_person=freeze(by_person),
        person_names=names,
        referenced_by=freeze(cited),
    )


RELINK_LIMIT = 500
"""Past this many changed cables, linking from scratch is as quick as patching."""


def relink(old: Corpus, metas: Iterable[CableMeta]) -> Corpus:
    """`link(metas)`, computed from `old` by redoing only the keys changed cables touch.

    The preview server relinks after every save; at 250,000 cables linking from
    scratch takes seconds, patching the indexes a few milliseconds. Same result
    as `link` (tests/test_relink.py checks it), dict order aside.
    """
    cables = {m.id: m for m in metas}
    changed = [
        cid
        for cid in old.cables.keys() | cables.keys()
        if old.cables.get(cid) is not cables.get(cid) and old.cables.get(cid) != cables.get(cid)
    ]
    if len(changed) > RELINK_LIMIT:
        return link(cables.values())
    moved = set(changed)
    order = _merge(cables, [i for i in old.order if i not in moved], moved & cables.keys())
    index = {
        "by_tag": lambda m: dict.fromkeys(m.tags),
        "by_origin": lambda m: (m.origin,),
        "by_year": lambda m: (m.year,) if m.year is not None else (),
        "by_month": lambda m: (
            ((m.year, m.month),) if m.year is not None and m.month is not None else ()
        ),
        "by_classification": lambda m: (m.classification,),
        "by_person": lambda m: tuple(p.slug for p in m.people),
    }
    fields: dict[str, Any] = {}
    for name, keys_of in index.items():
        fields[name] = _patched(getattr(old, name), old, cables, moved, keys_of)
    fields["person_names"] = _names(old, cables, fields["by_person"], moved)
    fields["referenced_by"] = _cited(old, cables, moved)
    return Corpus(cables=cables, order=tuple(order), **fields)


def _merge(cables: dict[str, CableMeta], kept: list[str], added: Iterable[str]) -> list[str]:
    """`kept` (in order) with `added` inserted at their chronological places."""
    out = list(kept)
    for cid in sorted(added, key=lambda i: cables[i].sort_key):
        out.insert(_position(out, cables, cables[cid]), cid)
    return out


def _patched(
    index: dict[Any, tuple[str, ...]],
    old: Corpus,
    cables: dict[str, CableMeta],
    moved: set[str],
    keys_of: Callable[[CableMeta], Iterable[Any]],
) -> dict[Any, tuple[str, ...]]:
    touched: set[Any] = set()
    for cid in moved:
        for m in (old.cables.get(cid), cables.get(cid)):
            if m is not None:
                touched.update(keys_of(m))
    out = dict(index)
    for key in touched:
        kept = [i for i in index.get(key, ()) if i not in moved]
        added = [cid for cid in moved if cid in cables for k in keys_of(cables[cid]) if k == key]
        ids = _merge(cables, kept, added)
        if ids:
            out[key] = tuple(ids)
        else:
            out.pop(key, None)
    return out


def _names(
    old: Corpus,
    cables: dict[str, CableMeta],
    by_person: dict[str, tuple[str, ...]],
    moved: set[str],
) -> dict[str, str]:
    slugs = {
        p.slug
        for cid in moved
        for m in (old.cables.get(cid), cables.get(cid))
        if m
        for p in m.people
    }
    names = dict(old.person_names)
    for slug in slugs:
        ids = by_person.get(slug)
        if not ids:
            names.pop(slug, None)
            continue
        names[slug] = next(p.name for p in cables[ids[0]].people if p.slug == slug)
    return names


def _cited(
    old: Corpus, cables: dict[str, CableMeta], moved: set[str]
) -> dict[str, tuple[str, ...]]:
    def refs(m: CableMeta) -> set[str]:
        return set(m.cites)

    # Targets whose citing list may change: what changed cables cite, and the changed
    # cables themselves (a cable that appears is cited by cables that did not change).
    targets = set(moved)
    for cid in moved:
        for m in (old.cables.get(cid), cables.get(cid)):
            if m is not None:
                targets |= refs(m)
    # A cable that did not change cites what it cited before, so only the changed
    # ones are read, not every cable of the archive on every save; but a cable new
    # to the corpus may be cited by any of them (a citation of an absent cable is
    # not indexed), so for those every cable is read.
    arrived = {t for t in targets if t in cables and t not in old.cables}
    citing: dict[str, list[str]] = {t: [] for t in arrived}
    for cid in (c for c in cables if c not in moved) if arrived else ():
        for ref in refs(cables[cid]) & arrived:
            citing[ref].append(cid)
    out = dict(old.referenced_by)
    for target in targets:
        out.pop(target, None)
        if target not in cables:
            continue
        kept = [c for c in old.referenced_by.get(target, ()) if c not in moved]
        kept += sorted(citing.get(target, ()), key=lambda c: cables[c].sort_key)
        added = [c for c in moved if c in cables and target in refs(cables[c])]
        ids = _merge(cables, kept, added)
        if ids:
            out[target] = tuple(ids)
    return out
