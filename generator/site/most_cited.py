"""The most cited cables: which cables the archive's REFs point to most often.

Counted over every cable's REFs, so cables the archive does not hold are ranked
too (a STATE cable cited by hundreds of replies is often not in a release); those
are linked out when the `missing_reference_url` setting says where.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus, shown_date
from generator.site.pages import Page

SHOWN = 100
"""How many cables the page ranks."""


@dataclass(frozen=True)
class CitedEntry:
    """One cited cable and how many cables of the archive cite it."""

    rank: int
    id: str
    count: int
    subject: str
    date: str
    target: str | None
    """Its page, when the archive holds it."""
    external: str | None
    """Where it can be read when the archive does not hold it (missing_reference_url)."""


@dataclass(frozen=True)
class MostCitedContext:
    """Context of templates/cited.html."""

    entries: tuple[CitedEntry, ...]
    citations: int
    """Citations counted in all (each citing cable counts a cited cable once)."""
    held: int
    """How many of the ranked cables the archive holds."""


def counts(corpus: Corpus) -> Counter[str]:
    """Cited ID -> how many cables of the archive cite it."""
    found: Counter[str] = Counter()
    for m in corpus.cables.values():
        found.update(m.cites)
    return found


def page(corpus: Corpus, config: SiteConfig) -> Page:
    """The ranked list of the most cited cables."""
    cited = counts(corpus)
    top = sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN]
    entries = []
    for rank, (cid, n) in enumerate(top, 1):
        m = corpus.cables.get(cid)
        if m is not None:
            date = shown_date(m.created, m.year)
            entries.append(CitedEntry(rank, cid, n, m.subject, date, m.path, None))
        else:
            entries.append(CitedEntry(rank, cid, n, "", "", None, config.missing_reference(cid)))
    held = sum(1 for e in entries if e.target)
    context = MostCitedContext(tuple(entries), sum(cited.values()), held)
    return Page(urls.most_cited(), "cited.html", context)
