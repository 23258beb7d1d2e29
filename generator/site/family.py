"""Every page family of the site, each declared once, in `FAMILIES`.

One protocol for all of them, `PageFamily` (generator.site.page_family): the
cable page, each kind of cable list, people and their index, the index pages,
editorial, 404, reading list, search and the exports. Each entry says which
pages the family has and their typed contexts, and what they depend on:
"settings", "corpus" (the whole of it) or "cables" (particular ones, named by
`Held`). The full build (generator.pipeline.list_phase, .phases), the cache keys
(generator.incremental.cache) and the in-place update
(generator.incremental.touched, generator.pipeline.update) all read this tuple,
so a family added here reaches all three (tests/test_family.py checks it).

To add a family, write its page function and append one entry to `FAMILIES`:

    PageFamily("most-cited", most_cited.pages, "corpus")

where `most_cited.pages(corpus, config)` yields `Page(path, template, context)`;
use "settings" when the pages read only the settings and content/pages. When
each page shows a few cables, say which, so an edit redraws only those pages:

    PageFamily("versions", versions.pages, "cables",
               Held(some=versions.pages_of,           # (corpus, config, keys) -> pages
                    holding=lambda c, m: (m.id,),     # keys of the pages showing a cable
                    shows=lambda m: m.digest))        # what of the cable they show

A family drawn from each cable's body (as the cable page is) gives
`from_cable` instead of `pages`, and a `Held.key` to key a page before drawing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from generator import theme, urls
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.model import Source
from generator.site import (
    cable_page,
    editorial,
    exports,
    lists,
    most_cited,
    reading_page,
    related,
    search_page,
    versions,
)
from generator.site import person_pages as people
from generator.site.page_family import (
    File,
    Held,
    Only,
    Output,
    PageFamily,
    Records,
    Texts,
    holding_changed,
)
from generator.site.pages import Page, editorial_names
from generator.source import read


def editorial_sources(config: SiteConfig) -> list[Source]:
    """The Markdown of the editorial pages: content/pages/, then the theme's default pages."""
    own = config.content / "pages"
    files = theme.editorial_files(config.content, config.default_pages)
    return [
        read.read_file(path, own if path.is_relative_to(own) else path.parent)
        for path in files.values()
    ]


def editorial_paths(config: SiteConfig) -> list[str]:
    """Site-root paths of the editorial pages, without rendering them (for the sitemap)."""
    return sorted(urls.editorial(name) for name in editorial_names(config))


# -- the cable page: drawn from the cable's body, with its record and raw text -------


def _cable_files(
    texts: Texts, corpus: Corpus, config: SiteConfig, made_of: tuple[object, ...] | None
) -> Iterator[Output]:
    m = corpus.cables[texts[0].id]
    counted = [versions.counted(t, m) for t in texts]
    cable = counted[versions.shown_index(m)]
    # The key's parts are (metadata, Shown): the page shows exactly what keyed it.
    shown = made_of[1] if made_of else None
    assert shown is None or isinstance(shown, cable_page.Shown)
    page = cable_page.page(cable, corpus, config, shown)
    if len(counted) > 1:
        labels = versions.labels(m)
        for label, text in zip(labels, counted, strict=True):
            yield File(urls.cable_version(m.path, label, "txt"), text.raw.encode("utf-8"))
            yield File(
                urls.cable_version(m.path, label, "json"), exports.record_line(text.record())
            )
        found = versions.compare(m, counted)
        views = versions.version_list(m, found)
        yield from versions.diff_pages(m, cable, views, found)
        page = versions.listed(page, views)
    yield page
    yield File(urls.cable_json(page.path), exports.record_line(cable.record()))
    yield File(urls.cable_raw(page.path), cable.raw.encode("utf-8"))


def _cable_paths(corpus: Corpus, config: SiteConfig, ids: Only) -> set[str]:
    found: set[str] = set()
    for cid in corpus.cables if ids is None else ids:
        if cid in corpus.cables:
            found.update(versions.files(corpus.cables[cid]))
    return found


def _cable_key(corpus: Corpus, cid: str) -> tuple[str, tuple[str, ...], tuple[object, ...]]:
    # Its own metadata (every version's digest among it) and that of every cable it
    # shows (generator.site.cable_page.Shown); its diff pages are drawn with it.
    m = corpus.cables[cid]
    templates = (
        cable_page.CABLE_TEMPLATE,
        *((versions.DIFF_TEMPLATE,) if len(m.versions) > 1 else ()),
    )
    return m.path, templates, (m, cable_page.shown(corpus, cid))


def _shown_with(corpus: Corpus, m: CableMeta) -> set[str]:
    # References, neighbours and the graph go both ways: the cables a page shows
    # (two citations out) are those whose pages show it.
    return {m.id} | cable_page.showing(corpus, m.id)


def _cable_touched(old: Corpus, new: Corpus, changed: frozenset[str]) -> Only:
    """The cable pages showing a changed cable, and those whose related cables may change."""
    assert CABLE.held is not None
    ids = set(holding_changed(CABLE.held, old, new, changed))
    # Related cables are not mutual: a cable sharing a tag, person or reference
    # with the changed one may gain or lose it without the changed one showing it.
    for cid in changed:
        if not same_rows(old, new, (cid,)):
            ids |= related.affected(old, new, cid)
    return frozenset(ids)


CABLE = PageFamily(
    "cable",
    None,
    "cables",
    Held(None, _shown_with, paths=_cable_paths, key=_cable_key, select=_cable_touched),
    from_cable=_cable_files,
)


# -- the cable lists: one list per tag, post, month, classification and person -------


def _list_kind(name: str, draw: Any, index: Any, target: Any, holding: Any) -> PageFamily:
    """A kind of cable list: its rows show `lists.listed` of each cable it holds."""
    return PageFamily(
        name,
        lambda c, cfg: draw(c, cfg, None, False),
        "cables",
        Held(
            lambda c, cfg, only: draw(c, cfg, only, False),
            lambda c, m: holding(m),
            lists.listed,
            index=index,
            target=target,
        ),
    )


def _people_shown(m: CableMeta) -> object:
    # A person page lists the cable's row and how it names them.
    return lists.listed(m), m.people


def _slugs(corpus: Corpus, m: CableMeta) -> Iterable[Hashable]:
    return (p.slug for p in m.people)


PEOPLE = PageFamily(
    "people",
    lambda c, cfg: people.pages(c, cfg),
    "cables",
    Held(
        people.pages,
        _slugs,
        _people_shown,
        paths=people.paths,
        index=lambda c: c.by_person,
        target=urls.person,
    ),
)


def _index_letters(old: Corpus, new: Corpus, changed: frozenset[str]) -> Only:
    """The people index letters that list someone a change touches, by old name or new."""
    assert PEOPLE.held is not None
    slugs = holding_changed(PEOPLE.held, old, new, changed)
    letters = people.letters_of(old, slugs) | people.letters_of(new, slugs)
    if letters and people.letters_of(old, old.by_person) != people.letters_of(new, new.by_person):
        return None  # every letter page lists the letters: all of them change
    return frozenset(letters)


PEOPLE_INDEX = PageFamily(
    "people-index",
    lambda c, cfg: people.index(c),
    "cables",
    Held(
        lambda c, cfg, letters: people.index(c, letters),
        lambda c, m: people.letters_of(c, _slugs(c, m)),  # type: ignore[arg-type]
        paths=lambda c, cfg, letters: people.index_paths(c, letters),
        select=_index_letters,
    ),
)


# -- the exports: the whole corpus as files ------------------------------------------

_JSONL = frozenset({"cables.jsonl"})


def _export_files(
    corpus: Corpus, config: SiteConfig, records: Records, only: Only
) -> Iterable[tuple[str, Any]]:
    if only == _JSONL:
        return ((urls.export("cables.jsonl"), exports.jsonl_lines(corpus, records)),)
    return exports.files(corpus, config, records, editorial_paths(config))


def _exports_touched(old: Corpus, new: Corpus, changed: frozenset[str]) -> Only:
    # The usual save, a body edited, redoes cables.jsonl alone: at 50,000 cables
    # redoing the table, feed and sitemaps took seconds a save.
    return _JSONL if same_rows(old, new, changed) else None


def same_rows(old: Corpus, new: Corpus, changed: Iterable[str]) -> bool:
    """True when the changed cables differ in their bodies only, none added or removed."""
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        if before is None or after is None or without_body(before) != without_body(after):
            return False
    return True


def without_body(m: CableMeta) -> CableMeta:
    """A cable's metadata less what only its body decides (its digest and source)."""
    # The table, feed and sitemaps hold metadata only: a body edit leaves them as they were.
    return replace(m, digest="", source_path="", versions=())


EXPORTS = PageFamily(
    "exports",
    None,
    "cables",
    Held(None, lambda c, m: (), select=_exports_touched),
    files=_export_files,
)


FAMILIES: tuple[PageFamily, ...] = (
    CABLE,
    _list_kind("tags", lists.tag_pages, lambda c: c.by_tag, urls.tag, lambda m: m.tags),
    _list_kind(
        "origins", lists.origin_pages, lambda c: c.by_origin, urls.origin, lambda m: (m.origin,)
    ),
    _list_kind(
        "months", lists.date_pages, lambda c: c.by_month, lambda ym: urls.month(*ym), lists.month
    ),
    _list_kind(
        "classifications",
        lists.classification_pages,
        lambda c: c.by_classification,
        urls.classification,
        lambda m: (m.classification,),
    ),
    PEOPLE,
    PEOPLE_INDEX,
    PageFamily("index", lists.overviews, "corpus", page_paths=lists.overview_paths),
    PageFamily("editorial", lambda c, cfg: editorial.pages(editorial_sources(cfg)), "settings"),
    PageFamily("not-found", lambda c, cfg: (editorial.not_found(cfg),), "settings"),
    PageFamily("reading", lambda c, cfg: (reading_page.page(cfg),), "settings"),
    PageFamily(
        "search",
        lambda c, cfg: (search_page.page(cfg, c),),
        "corpus",
        page_paths=lambda c: {urls.search()},
    ),
    PageFamily(
        "most-cited",
        lambda c, cfg: (most_cited.page(c, cfg),),
        "corpus",
        page_paths=lambda c: {urls.most_cited()},
    ),
    EXPORTS,
)
"""Every family, in the order the full build deals them out."""


def pages(corpus: Corpus, config: SiteConfig) -> Iterator[Page]:
    """Every page drawn from metadata, of every family (the cable pages need bodies)."""
    for family in FAMILIES:
        yield from family.draw(corpus, config)
