"""The people registry: canonical names, spellings, non-people.

The package ships a default registry (generator/people/data/registry.toml):
spelling variants of well-known people and names that are never people. A
site's content/people.toml adds to it and overrides it: a site person replaces
every default person that shares one of its spellings, and a site person named
in the default [ignore] list is a person again.

    [[person]]
    name = "Yevgeniy Zhovtis"
    aliases = ["Yevgeny Zhovtis", "Zhovtis"]
    slug = "yevgeniy-zhovtis"      # optional

    [ignore]
    names = ["Freedom House"]

Every problem is reported at once, each naming the file, the line, the key and
the fix, so an editor can correct the whole file in one go.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.model import Diagnostic
from generator.people.names import key, slug

_WORD = re.compile(r"(?<![\w'’])(?:[A-Z]|al-|el-)[\w'’]*")
# The same words in a text without "al-" or "el-": each starts at a capital, and a
# pattern opening with a character class lets the regex engine skip to the next one.
_CAPITAL_WORD = re.compile(r"[A-Z](?<![\w'’].)[\w'’]*")
_LONGER_NAME = re.compile(r" (?:Al|al|El|el|bin|ibn)[- ][A-Z]")
_PERSON_KEYS = frozenset({"name", "aliases", "slug"})
_TOP_KEYS = frozenset({"person", "ignore"})


@dataclass(frozen=True)
class Entry:
    """One person of the registry."""

    name: str
    slug: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Lookups built from content/people.toml; empty when there is no file."""

    entries: tuple[Entry, ...] = ()
    by_key: dict[str, Entry] = field(default_factory=dict, compare=False, hash=False)
    ignored: frozenset[str] = frozenset()

    def lookup(self, spelling: str) -> Entry | None:
        """The registry person a spelling belongs to, if any."""
        return self.by_key.get(key(spelling))

    @cached_property
    def _by_first_word(self) -> dict[str, tuple[str, ...]]:
        """Every spelling (as written and in capitals) under its first word, longest first."""
        table: dict[str, list[str]] = {}
        for entry in self.entries:
            for spelling in (entry.name, *entry.aliases):
                for form in {spelling, spelling.upper()}:
                    first = _WORD.match(form)
                    if first:
                        table.setdefault(first.group(), []).append(form)
        return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in table.items()}

    @cached_property
    def _any_form(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Patterns finding any spelling as a bare substring: (all, those opening with a capital).

        A spelling is only found where it occurs as a substring, so a text in
        which neither pattern finds one needs no word-by-word look; and most
        texts name no registry person at all.
        """
        forms = [form for forms in self._by_first_word.values() for form in forms]
        capital = [form for form in forms if form[:1].isupper()]
        try:
            return re.compile(_alternatives(forms)), re.compile(_alternatives(capital))
        except (RecursionError, re.error):
            # spellings too long to nest as a pattern: every text gets the full look
            return _ANY_TEXT, _ANY_TEXT

    def spellings_in(self, text: str) -> Iterator[str]:
        """Registry spellings that occur in the text as whole words, in order."""
        table = self._by_first_word
        if not table:
            return
        every, capital = self._any_form
        # without "l-" no "al-" or "el-" spelling can occur: the capital pattern
        # then lets the regex engine skip from capital to capital ("-" is tested
        # first, as a one-character test is far cheaper than a two-character one)
        dashed = "-" in text and "l-" in text
        if not (every if dashed else capital).search(text):
            return
        words = _WORD if dashed else _CAPITAL_WORD
        for match in words.finditer(text):
            for form in table.get(match.group(), ()):
                end = match.start() + len(form)
                if text.startswith(form, match.start()) and not text[end : end + 1].isalnum():
                    if not _LONGER_NAME.match(text, end):
                        yield form  # not the first part of a longer name ("Mubarak Al-Bathali")
                    break

    @cached_property
    def words(self) -> frozenset[str]:
        """The lower-case words of every spelling, but particles: a lower-case text's names."""
        found = {w for e in self.entries for s in (e.name, *e.aliases) for w in key(s).split()}
        return frozenset(w for w in found if len(w) > 3)

    def is_ignored(self, spelling: str) -> bool:
        """True for names the editor has declared not to be people."""
        return key(spelling) in self.ignored


_Trie = dict[str, "_Trie"]
_ANY_TEXT = re.compile("")


def _alternatives(words: list[str]) -> str:
    """A pattern for any of `words`, shared beginnings written once (a trie).

    The engine then compares each character of the text once per branch point
    instead of trying every word in turn, and a pattern whose every branch opens
    with a literal character skips ahead to the next character that can open one.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        if "" in node:  # a word ends here: the rest is optional
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    # a pattern that matches nothing when there are no words
    return pattern(trie) if trie else "(?!)"


EMPTY = Registry()


class RegistryError(InputError):
    """content/people.toml is unusable; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0])
        self.diagnostics = tuple(diagnostics)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


DEFAULT_NAME = "generator/people/data/registry.toml"


@cache
def default_registry() -> Registry:
    """The registry shipped in the package, under every site's own."""
    text = resources.files("generator.people").joinpath("data", "registry.toml").read_text("utf-8")
    return _parse(DEFAULT_NAME, text)


def load_registry(path: Path, base: Registry | None = None) -> Registry:
    """The site's registry at `path` over `base` (the shipped default when None).

    A missing file leaves the base as it is.
    """
    under = default_registry() if base is None else base
    if not path.is_file():
        return under
    return merged(under, _parse(str(path), path.read_text("utf-8")))


def merged(base: Registry, site: Registry) -> Registry:
    """`site` over `base`: the site's people win every spelling they name."""
    if not base.entries and not base.ignored:
        return site
    taken = set(site.by_key)
    kept = [e for e in base.entries if not any(key(s) in taken for s in (e.name, *e.aliases))]
    by_key = dict(site.by_key)
    for entry in kept:
        for spelling in (entry.name, *entry.aliases):
            by_key.setdefault(key(spelling), entry)
    ignored = (base.ignored - taken) | site.ignored
    return Registry((*site.entries, *kept), by_key, ignored)


def _parse(path: str, text: str) -> Registry:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else len(text.splitlines())
        raise RegistryError(
            [Diagnostic(str(path), line, f"not valid TOML ({exc}); fix the syntax on that line")]
        ) from None
    return _build(str(path), text, data)


def _build(path: str, text: str, data: dict[str, Any]) -> Registry:
    problems: list[Diagnostic] = []

    def bad(line_of: str, message: str, occurrence: int = 0, field: str = "") -> None:
        if line_of == "[[person]]":
            line = _person_line(text, occurrence, field)
        else:
            line = _line(text, line_of, occurrence)
        problems.append(Diagnostic(path, line, message))

    for top in sorted(set(data) - _TOP_KEYS):
        bad(top, f"unknown key {top!r}; use [[person]] tables and an [ignore] table")
    entries: list[Entry] = []
    by_key: dict[str, Entry] = {}
    people = data.get("person", [])
    if not isinstance(people, list):
        bad("person", "'person' must be written as [[person]] tables")
        people = []
    for n, raw in enumerate(people):
        entry = _entry(raw, n, bad)
        if entry is None:
            continue
        clash = next((e for e in entries if e.slug == entry.slug), None)
        if clash is not None:
            bad(
                "[[person]]",
                f"slug {entry.slug!r} of {entry.name!r} is already the page of {clash.name!r}; "
                "give one of them another slug",
                n,
                "slug" if "slug" in raw else "name",
            )
        entries.append(entry)
        for spelling in (entry.name, *entry.aliases):
            other = by_key.get(key(spelling))
            if other is not None and other.name != entry.name:
                bad(
                    "[[person]]",
                    f"spelling {spelling!r} is given to both {other.name!r} and "
                    f"{entry.name!r}; keep it under one person",
                    n,
                )
            by_key.setdefault(key(spelling), entry)
    ignored = _ignored(data.get("ignore", {}), bad)
    if problems:
        raise RegistryError(problems)
    return Registry(tuple(entries), by_key, ignored)


def _entry(raw: Any, n: int, bad: Any) -> Entry | None:
    if not isinstance(raw, dict):
        bad("[[person]]", "each [[person]] must be a table", n)
        return None
    for unknown in sorted(set(raw) - _PERSON_KEYS):
        bad(
            "[[person]]",
            f"unknown key {unknown!r} in [[person]] number {n + 1}; "
            "allowed keys are name, aliases and slug",
            n,
            unknown,
        )
    name = raw.get("name")
    if not isinstance(name, str) or not key(name):
        bad("[[person]]", f'[[person]] number {n + 1} needs name = "Given Surname"', n, "name")
        return None
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        bad(
            "[[person]]",
            f'aliases of {name!r} must be a list of strings, e.g. aliases = ["Zhovtis"]',
            n,
            "aliases",
        )
        aliases = []
    page = raw.get("slug", slug(name))
    if not isinstance(page, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", page):
        bad(
            "[[person]]",
            f"slug {page!r} of {name!r} must be lower-case ascii words "
            'joined by hyphens, e.g. "robert-blake"',
            n,
            "slug",
        )
        page = slug(name)
    return Entry(name=name, slug=page, aliases=tuple(aliases))


def _ignored(raw: Any, bad: Any) -> frozenset[str]:
    if not isinstance(raw, dict):
        bad("[ignore]", "'ignore' must be a table: [ignore] with names = [...]")
        return frozenset()
    for unknown in sorted(set(raw) - {"names"}):
        bad("[ignore]", f"unknown key {unknown!r} in [ignore]; the only key is names")
    names = raw.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        bad("[ignore]", '[ignore] names must be a list of strings, e.g. names = ["Freedom House"]')
        return frozenset()
    return frozenset(key(n) for n in names)


def _person_line(text: str, n: int, field: str) -> int:
    """Line of `field` in the n-th [[person]] table, or of the table's header."""
    header = _line(text, "[[person]]", n)
    if not header or not field:
        return header
    lines = text.splitlines()
    for number in range(header, len(lines)):
        line = lines[number].strip()
        if line.startswith("["):
            break
        if re.match(rf"{re.escape(field)}\s*=", line):
            return number + 1
    return header


def _line(text: str, needle: str, occurrence: int = 0) -> int:
    """1-based line of the n-th line containing `needle`, 0 when absent."""
    seen = -1
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    return 0
