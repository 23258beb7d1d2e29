"""The page-family protocol: every kind of page, and every export, declared once.

A page family is one `PageFamily` in generator.site.family.FAMILIES. It says:

- which pages it has and each page's typed context: `pages(corpus, config)` yields
  every `Page` (site-root path, template, frozen context), or, for a family made
  from cable bodies, `from_cable(cable, corpus, config)` the pages of one cable;
  an export's `files(corpus, config, records, only)` yields (path, bytes) instead;
- what each page depends on besides the templates (`depends`):
  "settings": the settings and content/pages only (both are in every page key's
  salt, so a change there is a full build and an in-place update never redoes it);
  "corpus": the corpus as a whole (counts, date ranges): every in-place update
  draws it again and writes the pages whose context changed;
  "cables": particular cables: `held` says which of the family's pages show a
  cable, so an in-place update draws only the pages a changed cable is on.

The full build (generator.pipeline.list_phase and .phases) draws every family;
the cache keys each page (generator.incremental.cache: `drawn_key` over its whole
context, or `held_keys` over what `Held.key` names, before drawing); the in-place
update (generator.incremental.touched, generator.pipeline.update) asks each
family what a change touches (`select`) and which of its pages went (`paths`).
So a family added to `FAMILIES` reaches all three; tests/test_family.py checks
it. generator.site.family shows how to add one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from typing import Any, Literal

from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.model import Cable
from generator.site.pages import Page

Depends = Literal["settings", "cables", "corpus"]
"""What a family's pages are made from besides the templates (see the module doc)."""

Only = frozenset[Any] | None
"""Which pages of a family: the keys of `Held` (None: all of them, empty: none)."""

Texts = tuple[Cable, ...]
"""A cable's text of each version, in version order (generator.corpus.versions)."""

Records = Iterable[tuple[str, "dict[str, Any] | bytes"]]
"""(cable ID, its record or its cables.jsonl line), for the exports."""


@dataclass(frozen=True)
class File:
    """A file of the site that is not drawn from a template (a cable's record, raw text)."""

    path: str
    data: bytes


Output = Page | File


def _whole(m: CableMeta) -> object:
    return m


@dataclass(frozen=True)
class Held:
    """How the pages of a family that depends on particular cables are found.

    Each page has a key (a tag, a person's slug, a cable ID); a cable shows on the
    pages `holding` gives for it. An in-place update compares the old and new
    version of each changed cable by `shows`, and draws the pages holding either.
    """

    some: Callable[[Corpus, SiteConfig, frozenset[Any]], Iterable[Page]] | None
    """The pages of these keys only, exactly as `PageFamily.pages` draws them."""
    holding: Callable[[Corpus, CableMeta], Iterable[Hashable]]
    """The keys of the family's pages that show this cable (of that corpus)."""
    shows: Callable[[CableMeta], object] = _whole
    """What of a cable the pages show; a change elsewhere touches none of them."""
    paths: Callable[[Corpus, SiteConfig, Only], set[str]] | None = None
    """The paths of the pages of these keys (None: all), without drawing them
    (default: the paths of the pages drawn)."""
    index: Callable[[Corpus], Mapping[Any, Sized]] | None = None
    """Every key and the cables it holds: the full build deals the keys to workers
    by weight. Without it the family is drawn whole in one unit."""
    target: Callable[[Any], str] | None = None
    """The path of a key's first page: keys with one path are drawn as one list."""
    key: Callable[[Corpus, Any], tuple[str, tuple[str, ...], tuple[object, ...]]] | None = None
    """(path, templates, what it is made of) of a key's page, to key it before drawing
    (a page drawn from a cable body); without it a page is keyed by its whole context.
    The first template is the page's; others are those of files drawn with it."""
    select: Callable[[Corpus, Corpus, frozenset[str]], Only] | None = None
    """The keys a change touches, when more than `holding` and `shows` decide it."""


@dataclass(frozen=True)
class PageFamily:
    """One kind of page: its pages, their typed contexts, what they depend on."""

    name: str
    pages: Callable[[Corpus, SiteConfig], Iterable[Page]] | None
    """Every page of the family, context included, in the order the build draws them."""
    depends: Depends
    held: Held | None = None
    """For `depends == "cables"`: which pages show which cables."""
    from_cable: (
        Callable[[Texts, Corpus, SiteConfig, tuple[object, ...] | None], Iterable[Output]] | None
    ) = None
    """Instead of `pages`: the files of one cable, drawn from its texts (the cable page).
    The fourth argument is what `Held.key` gave for the page, when it was keyed first."""
    files: Callable[[Corpus, SiteConfig, Records, Only], Iterable[tuple[str, Any]]] | None = None
    """Instead of `pages`: (path, bytes or a stream of them) of each export of `only`."""
    page_paths: Callable[[Corpus], set[str]] | None = None
    """For a family without `held`: the paths of all its pages, without drawing them.

    An update asks which pages of the old corpus went; drawing the home page or the
    most-cited page of 50,000 cables to learn their paths cost a second a save."""

    def __post_init__(self) -> None:
        ways = [w for w in (self.pages, self.from_cable, self.files) if w is not None]
        if len(ways) != 1:
            raise ValueError(f"family {self.name}: give exactly one of pages, from_cable, files")
        if (self.depends == "cables") != (self.held is not None):
            raise ValueError(f"family {self.name}: give `held` exactly when depends='cables'")

    def draw(self, corpus: Corpus, config: SiteConfig, only: Only = None) -> Iterator[Page]:
        """The family's pages of `only` (all of them with None)."""
        if only is not None and not only:
            return
        if only is None or self.held is None:
            yield from self.pages(corpus, config) if self.pages else ()
        elif self.held.some is not None:
            yield from self.held.some(corpus, config, only)

    def select(self, old: Corpus, new: Corpus, changed: frozenset[str]) -> Only:
        """What an in-place update from `old` to `new` must draw again of this family."""
        if self.depends == "settings":
            return frozenset()
        if self.held is None:
            return None
        if self.held.select is not None:
            return self.held.select(old, new, changed)
        return holding_changed(self.held, old, new, changed)

    def paths(self, corpus: Corpus, config: SiteConfig, only: Only) -> set[str]:
        """Site-root paths of the pages of `only`, for an update to find those that went."""
        if self.held is not None and self.held.paths is not None:
            return self.held.paths(corpus, config, only)
        if self.held is None and self.page_paths is not None:
            return self.page_paths(corpus)
        return {p.path for p in self.draw(corpus, config, only)}


def holding_changed(
    held: Held, old: Corpus, new: Corpus, changed: frozenset[str]
) -> frozenset[Any]:
    """The keys of the pages that show, in either corpus, a cable whose shown part changed."""
    keys: set[Any] = set()
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        if before is not None and after is not None and held.shows(before) == held.shows(after):
            continue
        if before is not None:
            keys.update(held.holding(old, before))
        if after is not None:
            keys.update(held.holding(new, after))
    return frozenset(keys)
