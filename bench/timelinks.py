"""What each time-and-links feature costs: CPU seconds over a corpus, bytes per page, edit time.

    python -m bench.synth --count 10000 --out bench/corpus-10000/cables --seed 1
    .venv/bin/python -m bench.timelinks --cables bench/corpus-10000/cables

Parses the corpus once, links it, then times each feature over every page it
appears on (CPU seconds, median of three), renders a sample of pages with and
without each feature to count its bytes, and times what an in-place update
works out after one edit (touched pages and their keys).
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import config as site_config
from generator.commands import build
from generator.corpus import link
from generator.incremental import touched
from generator.incremental.cache import Store, held_keys
from generator.model import Cable
from generator.render.renderer import renderer
from generator.site import cable_page, graph, histogram, lists, most_cited, related
from generator.site.family import CABLE
from generator.site.pages import Page
from generator.source import read

SAMPLE = 300


def cpu(fn: Callable[[], object]) -> float:
    """Median CPU seconds of three runs."""
    times = []
    for _ in range(3):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def parse(folder: Path) -> tuple[list[link.CableMeta], list[Cable]]:
    metas: list[link.CableMeta] = []
    sample: list[Cable] = []
    seen: set[str] = set()
    for path in sorted(folder.iterdir()):
        cable = build.cable_from_source(read.read_file(path, folder)).cable
        if cable is None or cable.id in seen:
            continue
        seen.add(cable.id)
        metas.append(link.meta(cable))
        if len(sample) < SAMPLE:
            sample.append(cable)
    return metas, sample


def feature_times(corpus: link.Corpus) -> dict[str, float]:
    ids = list(corpus.order)
    lists_ = [
        *corpus.by_tag.values(),
        *corpus.by_origin.values(),
        *corpus.by_classification.values(),
        *corpus.by_person.values(),
        corpus.order,
    ]
    return {
        "histogram": cpu(lambda: [histogram.histogram(corpus, held) for held in lists_]),
        "archive previous/next": cpu(lambda: [corpus.chronological(i) for i in ids]),
        "reference graph": cpu(lambda: [graph.graph(corpus, i) for i in ids]),
        "most cited": cpu(lambda: most_cited.page(corpus, site_config.SiteConfig())),
        "related cables": cpu(lambda: [related.related(corpus, i) for i in ids]),
    }


def _bytes(
    draw: Callable[[Page], bytes], pages: list[Page], without: dict[str, Any]
) -> tuple[float, float]:
    """Mean bytes a feature adds to a page: as written, and gzipped as served."""
    full = [draw(p) for p in pages]
    bare = [draw(replace(p, context=replace(p.context, **without))) for p in pages]  # type: ignore[type-var]
    raw = sum(map(len, full)) - sum(map(len, bare))
    packed = sum(len(gzip.compress(b)) for b in full) - sum(len(gzip.compress(b)) for b in bare)
    return raw / len(pages), packed / len(pages)


def _whole(drawn: list[bytes]) -> tuple[float, float]:
    n = len(drawn)
    return sum(map(len, drawn)) / n, sum(len(gzip.compress(b)) for b in drawn) / n


def page_bytes(
    corpus: link.Corpus, sample: list[Cable], cfg: Any
) -> dict[str, tuple[float, float]]:
    draw = renderer(cfg)
    cables = [cable_page.page(c, corpus, cfg) for c in sample]
    listed = [p for p in lists.pages(corpus, cfg) if p.template == "list.html"][:SAMPLE]
    sizes = {
        "histogram": _bytes(draw, listed, {"histogram": None}),
        "archive previous/next": _bytes(draw, cables, {"earlier": None, "later": None}),
        "reference graph": _bytes(draw, cables, {"graph": None}),
        "related cables": _bytes(draw, cables, {"related": ()}),
        "most cited": _whole([draw(most_cited.page(corpus, cfg))]),
        "cable page (all)": _whole([draw(p) for p in cables]),
        "list page (all)": _whole([draw(p) for p in listed]),
    }
    return sizes


def edit_times(corpus: link.Corpus, cfg: Any, rounds: int = 9) -> dict[str, tuple[float, float]]:
    """(median ms, median pages considered) of touched() + page keys after one edit."""
    rng = random.Random(1)
    store = Store(cfg)
    out: dict[str, tuple[float, float]] = {}
    edits: dict[str, Callable[[link.CableMeta], link.CableMeta]] = {
        "body edit": lambda m: replace(m, digest=m.digest + "x"),
        "TAGS edit": lambda m: replace(m, tags=(*m.tags, "KCOR")),
        "REF added": lambda m: (
            replace(
                m, references=(*m.references, replace(m.references[0], id=rng.choice(corpus.order)))
            )
            if m.references
            else replace(m, tags=(*m.tags, "KCOR"))
        ),
    }
    for name, edit in edits.items():
        times, counts = [], []
        for _ in range(rounds):
            m = corpus.cables[rng.choice(corpus.order)]
            others = (c for c in corpus.cables.values() if c.id != m.id)
            new = link.relink(corpus, [*others, edit(m)])
            start = time.perf_counter()
            change = touched.touched(corpus, new)
            only = change.only("cable")
            pages = sorted(new.cables if only is None else only)
            held_keys(store, CABLE, new, [p for p in pages if p in new.cables])
            times.append((time.perf_counter() - start) * 1000)
            counts.append(len(pages))
        out[name] = (statistics.median(times), statistics.median(counts))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cables", type=Path, required=True)
    args = parser.parse_args()
    cfg = site_config.SiteConfig(cache=Path("/nonexistent-cablegen-bench-cache"))
    metas, sample = parse(args.cables)
    corpus = link.link(metas)
    print(f"{len(corpus.cables)} cables")
    times = feature_times(corpus)
    sizes = page_bytes(corpus, sample, cfg)
    print("| feature | CPU s over the corpus | bytes added per page | gzipped |")
    print("|---|---:|---:|---:|")
    for name, seconds in times.items():
        raw, packed = sizes[name]
        print(f"| {name} | {seconds:.2f} | {raw:,.0f} | {packed:,.0f} |")
    for name in ("cable page (all)", "list page (all)"):
        raw, packed = sizes[name]
        print(f"| {name}, mean size | | {raw:,.0f} | {packed:,.0f} |")
    print()
    print("| edit | touched() + page keys, ms (median of 9) | cable pages considered |")
    print("|---|---:|---:|")
    for name, (ms, count) in edit_times(corpus, cfg).items():
        print(f"| {name} | {ms:.0f} | {count:.0f} |")


if __name__ == "__main__":
    main()
