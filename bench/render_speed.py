"""CPU cost of rendering, per cable page and per list page kind, on one folder.

    python -m bench.render_speed --corpus DIR                  # every cable file under DIR
    python -m bench.render_speed --corpus DIR --limit 3000 --rounds 3
    python -m bench.render_speed --corpus DIR --profile cable  # cProfile one stage instead

Cables are parsed, cleaned and linked first (not timed). A cable page is timed
in four parts: its typed context without the body markup, the body markup
(every paragraph through generator.site.cable_body), Jinja, and the JSON record. List
pages are timed per kind (the first path segment: tag, person, origin, date,
classification, and the index pages), context and Jinja apart. CPU time
(time.process_time), best of --rounds, so a busy machine skews the figures less.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from generator import config
from generator.commands import build
from generator.corpus import link
from generator.model import Cable
from generator.render import renderer as render
from generator.site import cable_body as body
from generator.site import cable_page, exports, lists
from generator.site.pages import Page
from generator.source import read

HERE = Path(__file__).resolve().parent


def _cables(folder: Path, limit: int, registry: Path) -> list[Cable]:
    files = [p for p in read.cable_files(folder) if p.suffix != ".json"]
    files = files[:limit] if limit else files
    reg = build.people.load_registry(registry)
    out: dict[str, Cable] = {}
    for path in files:
        try:
            source = read.read_file(path, folder)
        except OSError:
            continue
        cable = build.cable_from_source(source, reg).cable
        if cable is not None:
            out.setdefault(cable.id, cable)
    return list(out.values())


def record(cable: Cable) -> bytes:
    """The JSON record as the build writes it beside the page."""
    return exports.record_line(cable.record())


def _best(rounds: int, run: Callable[[], dict[str, float]]) -> dict[str, float]:
    """Per key, the least CPU seconds over `rounds` runs."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        for key, spent in run().items():
            best[key] = min(best.get(key, float("inf")), spent)
    return best


def _cable_round(cables: list[Cable], corpus: link.Corpus, cfg: config.SiteConfig) -> Callable:
    draw = render.renderer(cfg)

    def run() -> dict[str, float]:
        spent: defaultdict[str, float] = defaultdict(float)
        clock = time.process_time
        for cable in cables:
            t0 = clock()
            page = cable_page.page(cable, corpus, cfg)
            t1 = clock()
            draw(page)
            t2 = clock()
            record(cable)
            t3 = clock()
            links = cable_page.body_links(cable, page.context.references, page.path)  # type: ignore[attr-defined]
            t4 = clock()
            for p in cable.paragraphs:
                body.markup(p.text, links)
            t5 = clock()
            spent["context+markup"] += t1 - t0
            spent["jinja"] += t2 - t1
            spent["record"] += t3 - t2
            spent["markup"] += t5 - t4
        return spent

    return run


def _timed(pages: Iterator[Page]) -> Iterator[tuple[Page, float]]:
    """Each page of a generator with the CPU seconds its own next() took."""
    while True:
        start = time.process_time()
        try:
            page = next(pages)
        except StopIteration:
            return
        yield page, time.process_time() - start


def _kind(page: Page) -> str:
    head = page.path.split("/", 1)[0]
    return "home" if head == "index.html" else head


def _list_round(corpus: link.Corpus, cfg: config.SiteConfig) -> tuple[Callable, Counter]:
    draw = render.renderer(cfg)
    counts: defaultdict[str, int] = defaultdict(int)

    def run() -> dict[str, float]:
        spent: defaultdict[str, float] = defaultdict(float)
        counts.clear()
        for page, took in _timed(lists.pages(corpus, cfg)):
            kind = _kind(page)
            counts[kind] += 1
            start = time.process_time()
            draw(page)
            spent[f"{kind} jinja"] += time.process_time() - start
            spent[f"{kind} context"] += took
        return spent

    return run, counts


Counter = defaultdict[str, int]


def _print_cables(best: dict[str, float], n: int) -> None:
    ms = {k: 1000 * v / max(1, n) for k, v in best.items()}
    context = ms["context+markup"] - ms["markup"]
    total = ms["context+markup"] + ms["jinja"] + ms["record"]
    print(f"cable pages: {n} cables, CPU ms per page (best of rounds)")
    print(f"  context   {context:7.3f}")
    print(f"  markup    {ms['markup']:7.3f}")
    print(f"  jinja     {ms['jinja']:7.3f}")
    print(f"  record    {ms['record']:7.3f}")
    print(f"  total     {total:7.3f}")


def _print_lists(best: dict[str, float], counts: Counter, cables: int) -> None:
    print("list pages: CPU ms per page and per cable of the corpus (best of rounds)")
    print(f"  {'kind':16}{'pages':>7}{'context':>10}{'jinja':>10}{'total':>10}{'per cable':>11}")
    grand = 0.0
    for kind in sorted(counts, key=lambda k: -best[f"{k} jinja"] - best[f"{k} context"]):
        ctx, jin = best[f"{kind} context"], best[f"{kind} jinja"]
        grand += ctx + jin
        n = counts[kind]
        print(
            f"  {kind:16}{n:7}{1000 * ctx / n:10.3f}{1000 * jin / n:10.3f}"
            f"{1000 * (ctx + jin) / n:10.3f}{1000 * (ctx + jin) / cables:11.3f}"
        )
    print(f"  all list pages: {grand:.2f} s, {1000 * grand / cables:.3f} ms per cable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus-10000")
    parser.add_argument("--limit", type=int, default=3000, help="first N files only (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--registry", type=Path, default=HERE.parent / "content" / "people.toml")
    parser.add_argument("--only", choices=("cable", "lists"), help="time one of the two only")
    parser.add_argument("--profile", choices=("cable", "lists"), help="cProfile one stage")
    args = parser.parse_args()
    folder = args.corpus / "cables" if (args.corpus / "cables").is_dir() else args.corpus
    cables = _cables(folder, args.limit, args.registry)
    corpus = link.link(link.meta(c) for c in cables)
    cables = [c for c in cables if c.id in corpus.cables]
    cfg = config.load(root=HERE.parent, overrides={"templates": str(HERE.parent / "templates")})
    cable_run = _cable_round(cables, corpus, cfg)
    list_run, counts = _list_round(corpus, cfg)
    if args.profile:
        run = cable_run if args.profile == "cable" else list_run
        run()  # templates compile and caches fill outside the profile
        prof = cProfile.Profile()
        prof.runcall(run)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    if args.only != "lists":
        _print_cables(_best(args.rounds, cable_run), len(cables))
    if args.only != "cable":
        _print_lists(_best(args.rounds, list_run), counts, len(cables))


if __name__ == "__main__":
    main()
