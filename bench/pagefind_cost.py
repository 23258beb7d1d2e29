"""Pagefind's CPU per page, and what moves it: filters, metadata, shard size, threads.

    python -m bench.pagefind_cost --site bench/out/stages-10k/site --pages 2500
    python -m bench.pagefind_cost --site DIR --pages 5000 --variants as-built,no-person

Takes the first --pages cable pages of a built site (in path order, so a run of
months as a shard is), stages what the build hands Pagefind of each
(generator.search.page_input), then, for each variant, rewrites the staged
pages and runs the Pagefind binary over them as the build does, measuring
wall time, CPU seconds and peak memory (bench.measure). Variants:

- as-built: what the build indexes;
- no-person / no-tag: without the person (or tag) filter values;
- no-filters: no filter at all (the sort key kept);
- no-meta: without the metadata spans (id, date, origin, post, classification, level);
- bare: neither filters nor metadata: the text alone, as Pagefind over Hugo's pages;
- one-thread: as built, with Pagefind limited to one thread (RAYON_NUM_THREADS=1).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

from bench import measure
from generator.search import page_input

_DATE = re.compile(r'<time datetime="([^"]+)"')
_FILTER = {
    "person": re.compile(r'<span data-pagefind-filter="person">[^<]*</span>\n?'),
    "tag": re.compile(r'<span data-pagefind-filter="tag">[^<]*</span>\n?'),
}
_ANY_FILTER = re.compile(r' data-pagefind-filter="[^"]*"')
_SPAN_FILTER = re.compile(r'<span data-pagefind-filter="[^"]*">[^<]*</span>\n?')
_META = re.compile(r' data-pagefind-meta="[^"]*"')


def rewrite(variant: str, html: str) -> str:
    if variant in ("no-person", "no-tag"):
        return _FILTER[variant[3:]].sub("", html)
    if variant == "no-filters":
        return _ANY_FILTER.sub("", _SPAN_FILTER.sub("", html))
    if variant == "no-meta":
        return _META.sub("", html)
    if variant == "bare":
        return _META.sub("", _ANY_FILTER.sub("", _SPAN_FILTER.sub("", html)))
    return html


def staged(site: Path, count: int) -> dict[str, str]:
    """Site path -> what the build hands Pagefind, for the first `count` cable pages."""
    pages = sorted((site / "cable").glob("*/*/*.html"))[:count]
    out = {}
    for page in pages:
        html = page.read_text("utf-8")
        found = _DATE.search(html)
        created = found.group(1) if found else None
        year, month = page.parent.parent.name, page.parent.name
        meta = SimpleNamespace(
            created=created,
            year=int(year) if year.isdigit() else None,
            month=int(month) if month.isdigit() else None,
        )
        rel = page.relative_to(site).as_posix()
        out[rel] = page_input.search_html(html, "bench", meta)  # type: ignore[arg-type]
    return out


def run(variant: str, pages: dict[str, str], work: Path) -> measure.Run:
    folder, out = work / f"{variant}.pages", work / f"{variant}.index"
    for f in (folder, out):
        shutil.rmtree(f, ignore_errors=True)
    for rel, html in pages.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rewrite(variant, html), "utf-8")
    from generator.search.binary import command

    cmd, env = command(folder, out)
    if variant == "one-thread":
        env["RAYON_NUM_THREADS"] = "1"
    result = measure.run(cmd, cwd=folder, env=env)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--site", type=Path, required=True, help="a built site")
    ap.add_argument("--pages", type=int, default=2500)
    ap.add_argument("--variants", default="as-built,no-person,no-tag,no-filters,no-meta,bare")
    ap.add_argument("--rounds", type=int, default=1, help="runs per variant, interleaved")
    ap.add_argument("--work", type=Path, default=Path(__file__).parent / "out" / "pagefind-cost")
    args = ap.parse_args()
    pages = staged(args.site, args.pages)
    args.work = args.work.resolve()
    n = len(pages)
    print(f"{n} pages, {sum(len(h) for h in pages.values()) / n / 1000:.1f} KB each staged")
    print("| variant | wall s | CPU s | CPU ms per page | peak RSS GB |\n|---|---|---|---|---|")
    variants = args.variants.split(",")
    results: dict[str, list[measure.Run]] = {v: [] for v in variants}
    for _ in range(args.rounds):
        for v in variants:
            r = run(v, pages, args.work)
            if r.returncode:
                sys.exit(f"{v}: pagefind failed: {r.output[-500:]}")
            results[v].append(r)
    for v, runs in results.items():
        best = sorted(runs, key=lambda r: r.cpu)[len(runs) // 2]
        print(
            f"| {v} | {best.seconds:.1f} | {best.cpu:.1f} | {1000 * best.cpu / n:.2f} "
            f"| {best.peak_rss / 1e9:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
