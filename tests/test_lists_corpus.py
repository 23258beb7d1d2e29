"""Index pages over the real seeds and dev corpus: every cable is listed where it belongs.

Each cable must appear exactly once in its origin's list, its classification's
list, its month's list (when dated), each of its tags' lists and each of its
people's timelines, across all pages of those lists.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from generator import build, link, lists, urls
from generator.listing import page_count
from tests.conftest import SEEDS
from tests.lists_corpus import site_config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_corpus(dev_corpus: Path) -> link.Corpus:
    metas = []
    seen: set[str] = set()
    for folder in (SEEDS, dev_corpus):
        for outcome in build.parse_paths(folder):
            cable = outcome.cable
            if cable is not None and cable.id not in seen:
                seen.add(cable.id)
                metas.append(link.meta(cable))
    return link.link(metas)


def test_every_cable_is_listed_once_in_each_list_it_belongs_to(real_corpus) -> None:
    cfg = site_config()
    listed: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    for page in lists.pages(real_corpus, cfg):
        folder = page.path.rsplit("/", 1)[0]
        counts[folder] += 1
        rows = getattr(page.context, "rows", None) or [
            e.cable for e in getattr(page.context, "timeline", ())
        ]
        for row in rows:
            listed[folder][row.id] += 1
    for cid, m in real_corpus.cables.items():
        folders = [urls.origin(m.origin), urls.classification(m.classification)]
        folders += [urls.tag(code) for code in m.tags]
        folders += [urls.person(p.slug) for p in m.people]
        if m.year is not None and m.month is not None:
            folders.append(urls.month(m.year, m.month))
        for folder in {f.rsplit("/", 1)[0] for f in folders}:
            assert listed[folder][cid] == 1, (cid, folder)
    for code, ids in real_corpus.by_tag.items():
        assert counts[urls.tag(code).rsplit("/", 1)[0]] == page_count(len(ids), cfg.page_size)


def test_home_counts_add_up_over_the_real_corpus(real_corpus) -> None:
    home = lists.home(real_corpus, frozenset()).context
    assert home.total == len(real_corpus.cables) > 300
    assert sum(c.count for c in home.classifications) == home.total
    assert sum(c.count for c in home.years) == sum(len(v) for v in real_corpus.by_year.values())
    assert home.first < home.last
