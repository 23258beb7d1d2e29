"""People pages: the index (by surname with a letter index, and by count) and one page per person.

A person page is built from the Corpus metadata only: each cable's PersonRef
carries the roles, paragraph anchors, spellings and the sentence that names
the person, so no cable body is read again here.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus, PersonRef
from generator.people.roles import word as role_word
from generator.site.histogram import Histogram, histogram
from generator.site.listing import (
    CableRow,
    Pager,
    chunks,
    newest_first,
    origin_target,
    origin_title,
    page_count,
)
from generator.site.pages import Page

MOST_NAMED = 50
ONE_PAGE = 3000
"""People listed on the index itself; more and each letter gets a page."""
COMPANIONS = 10
_SUFFIXES = {"JR", "JR.", "SR", "SR.", "II", "III", "IV"}


@dataclass(frozen=True)
class PersonEntry:
    """One person in an index or a "named with" list."""

    name: str
    target: str
    count: int
    """Cables naming them (in a "named with" list: cables naming both)."""


@dataclass(frozen=True)
class LetterGroup:
    """The people whose surname starts with one letter."""

    letter: str
    anchor: str
    target: str
    """Site-root link to the group: its anchor on the index, or on its own letter page."""
    entries: tuple[PersonEntry, ...]


@dataclass(frozen=True)
class PeopleContext:
    """The people index, or one letter of it when the index is split."""

    title: str
    total: int
    nav: tuple[LetterGroup, ...]
    """Every letter, for the letter index (entries left empty)."""
    letters: tuple[LetterGroup, ...]
    """The groups listed on this page."""
    most_named: tuple[PersonEntry, ...]
    """Empty on letter pages."""


@dataclass(frozen=True)
class RoleCount:
    role: str
    """Words for the role: "signed", "classified", "in TAGS", "mentioned"."""
    count: int


@dataclass(frozen=True)
class PostCount:
    name: str
    target: str
    count: int


@dataclass(frozen=True)
class TimelineEntry:
    """One cable naming the person: the usual row plus how it names them."""

    cable: CableRow
    roles: tuple[str, ...]
    sentence: str
    """The sentence that names them, or "" when none was found (e.g. only the signature)."""
    sentence_target: str
    """Site-root path of the cable page at the paragraph naming them ("...html#p3")."""


@dataclass(frozen=True)
class PersonContext:
    """One page of a person's timeline, with the summary shown on every page."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[RoleCount, ...]
    posts: tuple[PostCount, ...]
    companions: tuple[PersonEntry, ...]
    timeline: tuple[TimelineEntry, ...]
    pager: Pager
    histogram: Histogram | None = None
    """The cables naming them, per month."""


def surname_key(name: str) -> tuple[str, str]:
    """(surname, full name) folded for sorting: "Robert O. Blake, Jr." -> ("blake", ...)."""
    words = [w for w in name.replace(",", " ").split() if w.upper() not in _SUFFIXES]
    surname = words[-1] if words else name
    return surname.casefold(), name.casefold()


def letter(name: str) -> str:
    """Index letter of a name's surname: A-Z, or "#" for anything else."""
    return _letter_of(surname_key(name))


def _letter_of(key: tuple[str, str]) -> str:
    first = key[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def pages(corpus: Corpus, config: SiteConfig, only: frozenset[str] | None = None) -> Iterator[Page]:
    """Every person's pages (with `only`, just those people's); the index is `index`."""
    if only is None:
        companions = _companions(corpus)
        for slug in sorted(corpus.by_person):
            yield from person_pages(corpus, config, slug, companions.get(slug, Counter()))
        return
    for slug in sorted(s for s in only if s in corpus.by_person):
        yield from person_pages(corpus, config, slug, _companions_of(corpus, slug))


def paths(corpus: Corpus, config: SiteConfig, slugs: Iterable[str] | None) -> set[str]:
    """Paths of these people's pages (None: everyone's), without drawing them."""
    found: set[str] = set()
    for slug in corpus.by_person if slugs is None else slugs:
        if slug in corpus.by_person:
            count = page_count(len(corpus.by_person[slug]), config.page_size)
            found.update(urls.person(slug, n) for n in range(1, count + 1))
    return found


def index_paths(corpus: Corpus, letters: Iterable[str] | None) -> set[str]:
    """Paths of the index and of these letters' pages (None: all), without drawing them.

    The index of tens of thousands of names is not built to learn which of its
    letter pages exist (an in-place update asks this of the old corpus, to find
    the pages that went).
    """
    found = {urls.people()}
    if len(corpus.by_person) > ONE_PAGE:
        # Only a touched person's letter page can appear or go: see who else is under it.
        names = corpus.person_names.values()
        have = {letter(n) for n in names}
        found.update(urls.people_letter(x) for x in have if letters is None or x in letters)
    return found


def letters_of(corpus: Corpus, slugs: Iterable[str]) -> set[str]:
    """The index letters these people are listed under in `corpus`."""
    return {letter(name) for s in slugs if (name := corpus.person_names.get(s))}


def _companions_of(corpus: Corpus, slug: str) -> Counter[str]:
    """One person's co-mention counts: `_companions(corpus)[slug]` without the whole map."""
    together: Counter[str] = Counter()
    for cid in corpus.by_person[slug]:
        together.update({p.slug for p in corpus.cables[cid].people} - {slug})
    return together


def _entry(corpus: Corpus, slug: str) -> PersonEntry:
    return PersonEntry(corpus.person_names[slug], urls.person(slug), len(corpus.by_person[slug]))


def index(corpus: Corpus, letters: frozenset[str] | None = None) -> Iterator[Page]:
    """The people index: a letter index by surname, then the most often named.

    Past ONE_PAGE people (a whole archive names tens of thousands) each letter
    gets its own page, so no index page grows to megabytes. With `letters`, only
    those letter pages are drawn (and the first page): an edit naming someone
    new changes one letter, and drawing every letter's entries took a second
    of each such save at 50,000 cables.
    """
    names = corpus.person_names
    keys = {s: surname_key(names[s]) for s in corpus.by_person}
    first = {s: _letter_of(k) for s, k in keys.items()}
    split = len(keys) > ONE_PAGE
    drawn = letters if split else None
    by_letter: defaultdict[str, list[PersonEntry]] = defaultdict(list)
    wanted = (s for s in keys if drawn is None or first[s] in drawn)
    for slug in sorted(wanted, key=lambda s: (keys[s], s)):
        by_letter[first[slug]].append(_entry(corpus, slug))
    groups = []
    for key in sorted(set(first.values()), key=lambda k: (k == "#", k)):
        anchor = f"letter-{'other' if key == '#' else key.lower()}"
        page = urls.people_letter(key) if split else urls.people()
        groups.append(LetterGroup(key, anchor, f"{page}#{anchor}", tuple(by_letter[key])))
    nav = tuple(replace(g, entries=()) for g in groups)
    top = heapq.nsmallest(
        MOST_NAMED, corpus.by_person, key=lambda s: (-len(corpus.by_person[s]), keys[s], s)
    )
    most = tuple(_entry(corpus, s) for s in top)
    listed = () if split else tuple(groups)
    yield Page(urls.people(), "people.html", PeopleContext("People", len(keys), nav, listed, most))
    for g in groups if split else ():
        if drawn is None or g.letter in drawn:
            context = PeopleContext(f"People: {g.letter}", len(g.entries), nav, (g,), ())
            yield Page(urls.people_letter(g.letter), "people.html", context)


def _companions(corpus: Corpus) -> dict[str, Counter[str]]:
    together: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for meta in corpus.cables.values():
        slugs = sorted({p.slug for p in meta.people})
        for a in slugs:
            for b in slugs:
                if a != b:
                    together[a][b] += 1
    return together


def _refs(corpus: Corpus, slug: str) -> list[tuple[str, PersonRef]]:
    """(cable ID, the cable's PersonRef for `slug`), oldest first."""
    out = []
    for cid in corpus.by_person[slug]:
        ref = next(p for p in corpus.cables[cid].people if p.slug == slug)
        out.append((cid, ref))
    return out


def _timeline_entry(corpus: Corpus, cid: str, ref: PersonRef, row: CableRow) -> TimelineEntry:
    anchor = f"#{ref.paragraphs[0]}" if ref.paragraphs else ""
    roles = tuple(role_word(r) for r in ref.roles)
    return TimelineEntry(row, roles, ref.sentence, corpus.cables[cid].path + anchor)


def person_pages(
    corpus: Corpus, config: SiteConfig, slug: str, together: Counter[str]
) -> Iterator[Page]:
    """The paginated timeline of one person, newest first, with their summary."""
    name = corpus.person_names[slug]
    refs = dict(_refs(corpus, slug))
    spellings = {s for ref in refs.values() for s in ref.spellings}
    aliases = tuple(sorted(spellings - {name}, key=lambda s: (s.casefold(), s)))
    role_counts = Counter(r for ref in refs.values() for r in dict.fromkeys(ref.roles))
    roles = tuple(
        RoleCount(role_word(r), n)
        for r, n in sorted(role_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    origins = Counter(corpus.cables[cid].origin for cid in refs)
    posts = tuple(
        PostCount(origin_title(o)[0], origin_target(o), n)
        for o, n in sorted(origins.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    best = sorted(together.items(), key=lambda kv: (-kv[1], corpus.person_names[kv[0]], kv[0]))
    companions = tuple(
        PersonEntry(corpus.person_names[s], urls.person(s), n) for s, n in best[:COMPANIONS]
    )
    metas = newest_first(corpus, corpus.by_person[slug])
    chart = histogram(corpus, corpus.by_person[slug])
    for path, rows, pager in chunks(metas, config.page_size, partial(urls.person, slug)):
        timeline = tuple(_timeline_entry(corpus, r.id, refs[r.id], r) for r in rows)
        context = PersonContext(name, aliases, roles, posts, companions, timeline, pager, chart)
        yield Page(path, "person.html", context)
