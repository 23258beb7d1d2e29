"""Index pages: home, tags, origins, dates, classifications and their cable lists.

Every function here is pure: Corpus metadata in, `Page` values out, in a fixed
order so the same corpus always gives the same bytes. People pages live in
`person_pages` (they need co-occurrence counts the other lists do not). Each kind
of list is declared as a page family in generator.site.family.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from functools import partial

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.site import person_pages as lists_people
from generator.site.histogram import histogram
from generator.site.list_contexts import (
    ClassificationsContext,
    Count,
    Crumb,
    DatesContext,
    Entry,
    Fact,
    HomeContext,
    ListContext,
    OriginsContext,
    OriginSection,
    TagEntry,
    TagsContext,
    TagSection,
    YearContext,
    YearEntry,
)
from generator.site.listing import (
    chunks,
    label,
    newest_first,
    origin_title,
    row,
    tag_meaning,
)
from generator.site.pages import Page, editorial_names

NEWEST_ON_HOME = 20
POSTS_ON_HOME = 10
# Glossary sections in reading order; any other kind follows alphabetically.
_KIND_ORDER = ("subject", "program", "country", "region", "organization", "person", "unknown")


def _wanted(keys: tuple[str, ...], only: frozenset[str] | None) -> bool:
    return only is None or any(k in only for k in keys)


def pages(corpus: Corpus, config: SiteConfig) -> Iterator[Page]:
    """Every index page and cable list of the site, people's included, in a fixed order."""
    yield from overviews(corpus, config)
    yield from tag_pages(corpus, config, None, False)
    yield from origin_pages(corpus, config, None, False)
    yield from date_pages(corpus, config, None, False)
    yield from classification_pages(corpus, config, None, False)
    yield from lists_people.index(corpus)
    yield from lists_people.pages(corpus, config)


def overviews(corpus: Corpus, config: SiteConfig) -> Iterator[Page]:
    """The index pages: home, TAGS glossary, posts, dates and years, classifications."""
    none: frozenset[str] = frozenset()
    yield home(corpus, editorial_names(config))
    yield from tag_pages(corpus, config, none)
    yield from origin_pages(corpus, config, none)
    yield from date_pages(corpus, config, frozenset())
    yield from classification_pages(corpus, config, none)


def overview_paths(corpus: Corpus) -> set[str]:
    """The paths `overviews` draws, without drawing them (the home page's chart is not cheap)."""
    fixed = {urls.home(), urls.tags(), urls.origins(), urls.dates(), urls.classifications()}
    return fixed | {urls.year_page(y) for y in corpus.by_year}


def listed(m: CableMeta) -> tuple[object, ...]:
    """What the cable lists show of a cable, and which lists hold it in what order."""
    return (row(m), m.tags, m.created, m.year, m.month, m.classification)


def month(m: CableMeta) -> tuple[tuple[int, int], ...]:
    """The month list a cable is in, if it has a month."""
    return ((m.year, m.month),) if m.year is not None and m.month is not None else ()


def _counts(corpus: Corpus) -> tuple[tuple[Count, ...], tuple[Count, ...], tuple[Count, ...]]:
    classes = tuple(
        Count(name, urls.classification(name), len(ids), label=label(name))
        for name, ids in sorted(
            corpus.by_classification.items(), key=lambda kv: (-len(kv[1]), kv[0])
        )
    )
    years = tuple(
        Count(str(year), urls.year_page(year), len(ids))
        for year, ids in sorted(corpus.by_year.items())
    )
    top = sorted(corpus.by_origin.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:POSTS_ON_HOME]
    posts = tuple(
        Count(origin_title(name)[0], urls.origin(name), len(ids), origin_title(name)[1])
        for name, ids in top
    )
    return classes, years, posts


_EDITORIAL_ENTRIES = (
    ("how-to-read", "How to read a cable", "headers, TAGS, markings"),
    ("about", "About this archive", "what is here and how it is made"),
)


def home(corpus: Corpus, editorial: frozenset[str]) -> Page:
    """The home page; `editorial`: the names of the editorial pages the site has."""
    classes, years, posts = _counts(corpus)
    dated = [corpus.cables[i].created for i in corpus.order if corpus.cables[i].created]
    newest = tuple(row(m) for m in newest_first(corpus, corpus.order[-NEWEST_ON_HOME:]))
    entries = (
        Entry("Tags", urls.tags(), f"{len(corpus.by_tag)} TAGS codes with their meanings"),
        Entry("People", urls.people(), f"{len(corpus.by_person)} people named in the cables"),
        Entry("Origins", urls.origins(), f"{len(corpus.by_origin)} embassies, consulates, offices"),
        Entry("Dates", urls.dates(), "cables by year and month"),
        Entry("Classifications", urls.classifications(), "from unclassified to secret"),
        Entry("Most cited", urls.most_cited(), "the cables the archive's REFs cite most"),
    ) + tuple(
        Entry(title, urls.editorial(name), note)
        for name, title, note in _EDITORIAL_ENTRIES
        if name in editorial
    )
    context = HomeContext(
        total=len(corpus.cables),
        first=(dated[0] or "")[:10] if dated else "",
        last=(dated[-1] or "")[:10] if dated else "",
        dated=len(dated),
        classifications=classes,
        years=years,
        posts=posts,
        post_count=len(corpus.by_origin),
        newest=newest,
        entries=entries,
        histogram=histogram(corpus, corpus.order),
    )
    return Page(urls.home(), "home.html", context)


def _kind_rank(kind: str) -> tuple[int, str]:
    return (_KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), kind)


def tag_pages(
    corpus: Corpus, config: SiteConfig, only: frozenset[str] | None = None, overview: bool = True
) -> Iterator[Page]:
    """The TAGS glossary and one paginated list per tag."""
    if overview:
        yield _glossary(corpus)
    up = Crumb("All tags", urls.tags())
    for codes, ids in merged(corpus, corpus.by_tag, urls.tag):
        if not _wanted(codes, only):
            continue
        code = codes[0]
        meaning, kind = tag_meaning(code)
        title = f"{code} — {meaning}" if meaning else code
        # A known meaning is already in the heading; say so only when it is missing.
        facts = ((Fact("Meaning", "not known"),) if not meaning else ()) + (Fact("Kind", kind),)
        facts += (Fact("Also written", ", ".join(codes[1:])),) if codes[1:] else ()
        yield from _paged(corpus, config, ids, partial(urls.tag, code), ("tag", title, facts, up))


def _glossary(corpus: Corpus) -> Page:
    grouped: dict[str, list[TagEntry]] = {}
    for code in sorted(corpus.by_tag):
        meaning, kind = tag_meaning(code)
        entry = TagEntry(code, meaning, kind, len(corpus.by_tag[code]), urls.tag(code))
        grouped.setdefault(kind, []).append(entry)
    sections = tuple(
        TagSection(kind, f"kind-{urls.slug(kind)}", tuple(grouped[kind]))
        for kind in sorted(grouped, key=_kind_rank)
    )
    return Page(urls.tags(), "tags.html", TagsContext(len(corpus.by_tag), sections))


def merged(
    corpus: Corpus, index: dict[str, tuple[str, ...]], target: Callable[[str], str]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(keys, cable IDs) per list page: keys whose paths collide share one list.

    Two tags spelled "SMITH, JOHN" and "Smith John" have the same page path;
    without merging, the second list would overwrite the first.
    """
    groups: dict[str, list[str]] = {}
    for key in sorted(index):
        groups.setdefault(target(key), []).append(key)
    out = []
    for keys in groups.values():
        ids = index[keys[0]]
        if len(keys) > 1:
            union = {i for k in keys for i in index[k]}
            ids = tuple(sorted(union, key=lambda i: corpus.cables[i].sort_key))
        out.append((tuple(keys), ids))
    return out


def _paged(
    corpus: Corpus,
    config: SiteConfig,
    ids: tuple[str, ...],
    target: Callable[[int], str],
    head: tuple[str, str, tuple[Fact, ...], Crumb],
) -> Iterator[Page]:
    """The pages of one cable list; `head` is (kind, title, facts, up) shared by every page."""
    kind, title, facts, up = head
    chart = histogram(corpus, ids) if kind != "month" else None
    for path, rows, pager in chunks(newest_first(corpus, ids), config.page_size, target):
        yield Page(path, "list.html", ListContext(kind, title, facts, up, rows, pager, chart))


def origin_pages(
    corpus: Corpus, config: SiteConfig, only: frozenset[str] | None = None, overview: bool = True
) -> Iterator[Page]:
    """The posts index, grouped by country, and one paginated list per post."""
    if overview:
        yield _posts(corpus)
    up = Crumb("All origins", urls.origins())
    for names, ids in merged(corpus, corpus.by_origin, urls.origin):
        if not _wanted(names, only):
            continue
        title, country = origin_title(names[0])
        facts = (Fact("Post", ", ".join(names)), Fact("Country", country or "not known"))
        target = partial(urls.origin, names[0])
        yield from _paged(corpus, config, ids, target, ("origin", title, facts, up))


def _posts(corpus: Corpus) -> Page:
    grouped: dict[str, list[Count]] = {}
    for name in sorted(corpus.by_origin):
        title, country = origin_title(name)
        note = name if title.upper() != name else ""
        entry = Count(title, urls.origin(name), len(corpus.by_origin[name]), note)
        grouped.setdefault(country or "Country not known", []).append(entry)
    sections = tuple(
        OriginSection(country, tuple(sorted(grouped[country], key=lambda c: (c.name, c.target))))
        for country in sorted(grouped, key=lambda c: (c == "Country not known", c))
    )
    return Page(urls.origins(), "origins.html", OriginsContext(len(corpus.by_origin), sections))


def _year_entry(corpus: Corpus, year: int) -> YearEntry:
    months = []
    for mon in range(1, 13):
        ids = corpus.by_month.get((year, mon), ())
        target = urls.month(year, mon) if ids else ""
        months.append(Count(calendar.month_name[mon], target, len(ids), calendar.month_abbr[mon]))
    return YearEntry(year, len(corpus.by_year[year]), urls.year_page(year), tuple(months))


def date_pages(
    corpus: Corpus,
    config: SiteConfig,
    only: frozenset[tuple[int, int]] | None = None,
    overview: bool = True,
) -> Iterator[Page]:
    """The dates index, one page per year (its months) and one list per month."""
    years = tuple(_year_entry(corpus, y) for y in sorted(corpus.by_year)) if overview else ()
    if overview:
        # A year known only from IDs or DECL lines has no month to open: the index leaves it out.
        dated = tuple(y for y in years if any(m.target for m in y.months))
        undated = len(corpus.cables) - sum(len(ids) for ids in corpus.by_month.values())
        yield Page(urls.dates(), "dates.html", DatesContext(dated, undated))
    for i, entry in enumerate(years):
        prev = Crumb(str(years[i - 1].year), years[i - 1].target) if i > 0 else None
        nxt = Crumb(str(years[i + 1].year), years[i + 1].target) if i + 1 < len(years) else None
        yield Page(entry.target, "year.html", YearContext(entry, prev, nxt))
    for (year, mon), ids in sorted(corpus.by_month.items()):
        if only is not None and (year, mon) not in only:
            continue
        title = f"{calendar.month_name[mon]} {year}"
        up = Crumb(f"All of {year}", urls.year_page(year))
        facts = (Fact("Cables", str(len(ids))),)
        target = partial(urls.month, year, mon)
        yield from _paged(corpus, config, ids, target, ("month", title, facts, up))


def classification_pages(
    corpus: Corpus, config: SiteConfig, only: frozenset[str] | None = None, overview: bool = True
) -> Iterator[Page]:
    """The classifications index and one paginated list per classification."""
    if overview:
        classes, _, _ = _counts(corpus)
        context = ClassificationsContext(classes)
        yield Page(urls.classifications(), "classifications.html", context)
    up = Crumb("All classifications", urls.classifications())
    for names, ids in merged(corpus, corpus.by_classification, urls.classification):
        if not _wanted(names, only):
            continue
        facts = (Fact("Cables", str(len(ids))),)
        target = partial(urls.classification, names[0])
        head = ("classification", " or ".join(names), facts, up)
        yield from _paged(corpus, config, ids, target, head)
