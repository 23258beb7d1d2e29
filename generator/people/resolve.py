"""Merge the names found in one cable into people: full names first, then lone surnames.

A surname used alone ("Blake expressed concern") is the person of this cable
last named in full with that surname; the registry maps spellings to
canonical names, and two spellings of one surname a letter apart
("Lebedev", "Lebedov") are one person when nothing else in the cable tells
them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Cable, Paragraph
from generator.people import names
from generator.people.registry import Entry, Registry


def anchor(paragraph: Paragraph) -> str | None:
    """The paragraph's anchor on the cable page, e.g. "p3", "pC"."""
    return f"p{paragraph.number}" if paragraph.number else None


@dataclass(frozen=True)
class Candidate:
    """One name found by one rule at one place."""

    tokens: tuple[str, ...]
    role: str
    anchor: str | None
    weak: bool = False
    """Found only because its words look like a name: kept if the cable uses the surname again."""

    @property
    def display(self) -> str:
        """The name as shown."""
        # By hand: functools.cached_property locks on every read before Python 3.12.
        cached: str | None = self.__dict__.get("_display")
        if cached is None:
            cached = names.display(self.tokens)
            self.__dict__["_display"] = cached
        return cached


@dataclass
class _Person:
    """A person being assembled from the candidates of one cable."""

    display: str
    key: str
    roles: set[str] = field(default_factory=set)
    anchors: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    words: tuple[str, ...] = field(init=False)
    """The key's words, split once: every candidate of the cable is compared with them."""

    def __post_init__(self) -> None:
        self.words = tuple(self.key.split())

    def add(self, role: str, anchor: str | None, spelling: str) -> None:
        self.roles.add(role)
        if anchor and anchor not in self.anchors:
            self.anchors.append(anchor)
        if spelling not in self.spellings:
            self.spellings.append(spelling)


def resolve(found: list[Candidate], registry: Registry) -> list[_Person]:
    """Merge the candidates of one cable into people: full names first, then lone surnames."""
    # A cable repeats its names: each spelling is keyed and looked up once.
    facts: dict[str, _Facts] = {}
    kept: list[tuple[Candidate, _Facts]] = []
    for cand in found:
        display = cand.display
        if not display:
            continue
        fact = facts.get(display)
        if fact is None:
            fact = facts[display] = _facts(display, registry)
        if not fact.ignored:
            kept.append((cand, fact))
    people: dict[str, _Person] = {}
    # Longest first, so "Kamel Rezag Bara" joins "Mohamed Kamel Rezag Bara". Once a
    # spelling has an owner it keeps one (people are only ever added), so each
    # spelling is placed once.
    placed: set[str] = set()
    for _, fact in sorted((k for k in kept if k[1].full), key=lambda k: -k[1].words):
        if fact.display in placed:
            continue
        placed.add(fact.display)
        if _owner(fact.display, people, registry) is None:
            display = fact.entry.name if fact.entry else fact.display
            people[names.key(display)] = _Person(display, names.key(display))
    order: dict[str, None] = {}
    # Whom a spelling names depends only on the people so far, so the answer is
    # kept until a person is added.
    owners_of: dict[str, list[_Person]] = {}
    for cand, fact in kept:
        owners = owners_of.get(fact.display)
        if owners is None:
            owners = _owners(fact, people, registry)
            if len(owners) == 1 and owners[0].key not in people:
                owners_of.clear()
                people[owners[0].key] = owners[0]
            owners_of[fact.display] = owners
        if len(owners) != 1:
            continue  # a surname shared by two people of this cable names neither for sure
        person = owners[0]
        person.add(cand.role, cand.anchor, cand.display)
        order.setdefault(person.key)
    return [people[k] for k in order]


def _owners(fact: _Facts, people: dict[str, _Person], registry: Registry) -> list[_Person]:
    """The people of this cable a spelling may name; a new person for an unknown surname."""
    if fact.full:
        owner = _owner(fact.display, people, registry)
        return [owner] if owner else []
    k = fact.key
    return _by_surname(k, people) or [people.get(k) or _Person(fact.display, k)]


@dataclass(frozen=True)
class _Facts:
    """What resolve asks of one spelling, whatever the candidate that holds it."""

    display: str
    key: str
    entry: Entry | None
    words: int
    """Words in the key."""
    full: bool
    """A full name (two words or more), or known to the registry."""
    ignored: bool


def _facts(display: str, registry: Registry) -> _Facts:
    k = names.key(display)
    entry = registry.lookup(display)
    words = len(k.split())
    full = words > 1 or entry is not None
    return _Facts(display, k, entry, words, full, registry.is_ignored(display))


def _owner(display: str, people: dict[str, _Person], registry: Registry) -> _Person | None:
    entry = registry.lookup(display)
    if entry is not None:
        return people.get(names.key(entry.name)) or _owner_by_words(names.key(entry.name), people)
    return _owner_by_words(names.key(display), people)


def _owner_by_words(k: str, people: dict[str, _Person]) -> _Person | None:
    if k in people:
        return people[k]
    words = set(k.split())
    last = k.split()[-1]
    for person in people.values():
        theirs = person.words
        if theirs and theirs[-1] == last and (words <= set(theirs) or set(theirs) <= words):
            return person
    return None


def _by_surname(word: str, people: dict[str, _Person]) -> list[_Person]:
    """People of this cable whose surname is `word`; failing that, whose first or other name is."""
    full = [p for p in people.values() if len(p.words) > 1]
    last = [p for p in full if p.words[-1] == word]
    first = [p for p in full if p.words[0] == word]
    return last or first or [p for p in full if word in p.words]


def more_anchors(cable: Cable, people: list[_Person]) -> None:
    """Paragraphs that name a person by surname alone, without a rule firing there."""
    surnames = {p.key.split()[-1]: p for p in people if p.key}
    if not surnames:
        return
    for paragraph in cable.paragraphs:
        where = anchor(paragraph)
        if where is None:
            continue
        raw = paragraph.text
        text = (raw if raw.isascii() else names.fold(raw)).lower()
        for word, person in surnames.items():
            # the anchor test first: it is a short list, the text is kilobytes
            if where not in person.anchors and word in text and _has_word(text, word):
                person.anchors.append(where)


def _has_word(text: str, word: str) -> bool:
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, end)
    return False
