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
    uses: dict[str, int] = field(default_factory=dict)
    """How often each spelling is met: two spellings of one name show the commoner."""
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
        self.uses[spelling] = self.uses.get(spelling, 0) + 1

    def settle(self, registry: Registry) -> None:
        """Show the commonest of two full spellings one letter apart (the longer on a tie)."""
        if registry.lookup(self.display) is not None:
            return
        full = [sp for sp in self.spellings if len(sp.split()) == len(self.words)]
        if len({names.key(sp) for sp in full}) > 1:
            self.display = max(full, key=lambda sp: (self.uses[sp], len(sp)))


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
        if fact.words == 1 and _by_surname(fact.key, people):
            continue  # the cable's own full name wins over a registry surname ("DNI Blair")
        if _owner(fact.display, people, registry) is None:
            display = fact.entry.name if fact.entry else fact.display
            k = names.key(display)
            twin = _near_twin(k, people)
            # "Lebedov" and "Lebedev" in one cable: one person, spelled as first met
            people[k] = twin or _Person(display, k)
    order: dict[str, None] = {}
    # Whom a spelling names depends only on the people so far, so the answer is
    # kept until a person is added.
    owners_of: dict[str, list[_Person]] = {}
    named_in_full: dict[int, int] = {}
    """Each person's last full-name candidate, by position: a lone surname shared
    by two people goes to the one named in full last."""
    for at, (cand, fact) in enumerate(kept):
        owners = owners_of.get(fact.display)
        if owners is None:
            owners = _owners(fact, people, registry)
            if len(owners) == 1 and owners[0].key not in people:
                owners_of.clear()
                people[owners[0].key] = owners[0]
            owners_of[fact.display] = owners
        person = owners[0] if len(owners) == 1 else _latest(owners, named_in_full)
        if person is None:
            continue  # neither person of the shared surname named in full yet: no guess
        if fact.words > 1:
            named_in_full[id(person)] = at
        person.add(cand.role, cand.anchor, cand.display)
        order.setdefault(person.key)
    result = [people[k] for k in order]
    for person in result:
        person.settle(registry)
    return result


def _latest(owners: list[_Person], named_in_full: dict[int, int]) -> _Person | None:
    if not owners:
        return None
    seen = [p for p in owners if id(p) in named_in_full]
    return max(seen, key=lambda p: named_in_full[id(p)]) if seen else None


def _owners(fact: _Facts, people: dict[str, _Person], registry: Registry) -> list[_Person]:
    """The people of this cable a spelling may name; a new person for an unknown surname."""
    k = fact.key
    if fact.words == 1:
        sharing = _by_surname(k, people) or _near_surname(k, people)
        if sharing:
            return sharing
    if fact.full:
        owner = _owner(fact.display, people, registry)
        if owner is None and fact.entry is not None:  # a registry surname met first
            owner = _Person(fact.entry.name, names.key(fact.entry.name))
        return [owner] if owner else []
    return [people.get(k) or _near_twin(k, people) or _Person(fact.display, k)]


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
        k = names.key(entry.name)
        owner = people.get(k) or _owner_by_words(k, people)
        # "George W. Bush" is not the registry's other George Bush
        other = registry.lookup(owner.display) if owner else None
        return owner if other is None or other == entry else None
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
    # a near twin sits in `people` under both spellings: each person once
    full = list({id(p): p for p in people.values() if len(p.words) > 1}.values())
    last = [p for p in full if p.words[-1] == word]
    first = [p for p in full if p.words[0] == word]
    return last or first or [p for p in full if word in p.words]


NEAR_LENGTH = 6
"""Shorter words one letter apart are too often two names (Hamed, Hamad; Saleh, Salah)."""


def _near_twin(k: str, people: dict[str, _Person]) -> _Person | None:
    """The person of this cable whose name is this one with one letter changed, if one."""
    words = k.split()
    twins = {
        id(p): p
        for p in people.values()
        if len(p.words) == len(words)
        and all(a == b or _one_apart(a, b) for a, b in zip(p.words, words, strict=True))
    }
    return next(iter(twins.values())) if len(twins) == 1 else None


def _near_surname(word: str, people: dict[str, _Person]) -> list[_Person]:
    """The one person of this cable whose surname is this word with one letter changed."""
    near = {id(p): p for p in people.values() if len(p.words) > 1 and _one_apart(p.words[-1], word)}
    return list(near.values()) if len(near) == 1 else []


def _one_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped, in words long enough to be sure."""
    if min(len(a), len(b)) < NEAR_LENGTH or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    cut = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[cut:] == long[cut + 1 :]


def more_anchors(cable: Cable, people: list[_Person]) -> None:
    """Paragraphs that name a person by surname alone, without a rule firing there."""
    by_surname: dict[str, list[_Person]] = {}
    for p in people:
        if p.key:
            by_surname.setdefault(p.key.split()[-1], []).append(p)
    # a surname two people share names neither for sure: resolve placed those
    surnames = {word: ps[0] for word, ps in by_surname.items() if len(ps) == 1}
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
