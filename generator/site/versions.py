"""The versions of a cable on the site: the list on its page, raw texts, records, diff pages.

A cable with several texts (generator.corpus.versions) gets, beside its page,
`ID/vN.txt` and `ID/vN.json` for each version and a word diff page
`ID/vA-vB.html` (generator.urls) for every pair when the pairs are few, else
for each version against the shown one. All of them are made with the cable
page, from the same inputs: one cable's files, redone together when any of its
inputs changes (the page key covers every version's digest).

Not a `PageFamily` (generator.site.family): those are pages made from the
settings or the whole corpus, while these belong to one cable, like its record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from generator import urls
from generator.corpus import versions
from generator.corpus.link import CableMeta
from generator.model import Cable
from generator.site import word_diff
from generator.site.cable_page import level
from generator.site.pages import Banner, CablePage, Page, VersionView

DIFF_TEMPLATE = "diff.html"

ALL_PAIRS_UP_TO = 4
"""Versions up to which every pair gets a diff page (6 pages); beyond, each against the shown."""


@dataclass(frozen=True)
class DiffLink:
    """Another diff page of the same cable."""

    old: str
    new: str
    target: str
    current: bool


@dataclass(frozen=True)
class DiffPage:
    """Context of templates/diff.html: the word diff from one version of a cable to another."""

    id: str
    subject: str
    title: str
    banner: Banner
    cable_target: str
    old: VersionView
    new: VersionView
    summary: str
    paragraphs: tuple[tuple[word_diff.Segment, ...], ...]
    """The diff, paragraph by paragraph as the newer text divides them."""
    others: tuple[DiffLink, ...]
    """Every diff page of the cable, this one marked current."""


def labels(m: CableMeta) -> tuple[str, ...]:
    return tuple(versions.label(i) for i in range(len(m.versions)))


def shown_index(m: CableMeta) -> int:
    """Which of the cable's versions its page shows (the one its metadata came from)."""
    for i, v in enumerate(m.versions):
        if any(path == m.source_path for path, _ in v.inputs):
            return i
    return 0


def pairs(m: CableMeta) -> list[tuple[int, int]]:
    """The (older, newer) version indexes that get a diff page."""
    n = len(m.versions)
    if n < 2:
        return []
    if n <= ALL_PAIRS_UP_TO:
        return list(combinations(range(n), 2))
    s = shown_index(m)
    return [(min(i, s), max(i, s)) for i in range(n) if i != s]


def files(m: CableMeta) -> tuple[str, ...]:
    """Every file a cable's render writes: page, record, raw text, and its versions'."""
    base = (m.path, urls.cable_json(m.path), urls.cable_raw(m.path))
    if len(m.versions) < 2:
        return base
    names = labels(m)
    own = tuple(urls.cable_version(m.path, v, ext) for v in names for ext in ("txt", "json"))
    diffs = tuple(urls.cable_diff(m.path, names[a], names[b]) for a, b in pairs(m))
    return base + own + diffs


Found = dict[tuple[int, int], word_diff.Diff]


def compare(m: CableMeta, texts: Sequence[Cable]) -> Found:
    """The diff of every pair that gets a page; `texts` holds a Cable per version, in order."""
    words = [word_diff.tokens(c) for c in texts]
    return {(a, b): word_diff.diff(words[a], words[b]) for a, b in pairs(m)}


def version_list(m: CableMeta, found: Found) -> tuple[VersionView, ...]:
    """The versions as the cable page lists them, each summed up against the shown one."""
    names, s = labels(m), shown_index(m)
    out = []
    for i, v in enumerate(m.versions):
        summary, target = "", None
        if i != s:
            a, b = min(i, s), max(i, s)
            summary = f"From {names[a]} to {names[b]}: {found[a, b].counts.summary()}"
            target = urls.cable_diff(m.path, names[a], names[b])
        out.append(
            VersionView(
                label=names[i],
                inputs=tuple(path for path, _ in v.inputs),
                words=v.words,
                partial=v.partial,
                shown=i == s,
                raw_target=urls.cable_version(m.path, names[i], "txt"),
                json_target=urls.cable_version(m.path, names[i], "json"),
                summary=summary,
                diff_target=target,
            )
        )
    return tuple(out)


def diff_pages(
    m: CableMeta, cable: Cable, views: tuple[VersionView, ...], found: Found
) -> Iterator[Page]:
    """One page per compared pair, from the older label to the newer."""
    banner = Banner(level(cable.classification), cable.classification, cable.caveats)
    names = labels(m)
    links = [(a, b, urls.cable_diff(m.path, names[a], names[b])) for a, b in found]
    for a, b in found:
        d = found[a, b]
        path = urls.cable_diff(m.path, names[a], names[b])
        others = tuple(DiffLink(names[x], names[y], t, t == path) for x, y, t in links)
        yield Page(
            path=path,
            template=DIFF_TEMPLATE,
            context=DiffPage(
                id=m.id,
                subject=cable.subject,
                title=f"{m.id}: changes from {names[a]} to {names[b]}",
                banner=banner,
                cable_target=m.path,
                old=views[a],
                new=views[b],
                summary=d.counts.summary(),
                paragraphs=tuple(tuple(p) for p in d.paragraphs),
                others=others,
            ),
        )


def counted(cable: Cable, m: CableMeta) -> Cable:
    """The cable with its record saying how many versions it has."""
    n = versions.count(m)
    return cable if cable.versions == n else replace(cable, versions=n)


def listed(page: Page, views: tuple[VersionView, ...]) -> Page:
    """The cable page with its list of versions."""
    assert isinstance(page.context, CablePage)
    return replace(page, context=replace(page.context, versions=views))
