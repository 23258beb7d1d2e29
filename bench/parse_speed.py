"""CPU cost of parse + clean, people extraction and metadata, per cable, on one folder.

    python -m bench.parse_speed --corpus DIR             # every cable file under DIR
    python -m bench.parse_speed --corpus DIR --limit 2000 --rounds 3

Files are read into memory first (not timed). Each stage is timed in CPU time
(time.process_time), best of --rounds, because wall time on a shared machine
measures the neighbours as much as the code. Each round runs in a process
forked after the word lists load, so every round meets the cables for the first
time, as a build does: caches kept across cables help only as far as cables
repeat each other, never by timing the same cables twice. Prints cables per second for
parse + clean on one core, milliseconds per cable for people extraction and for
the metadata record linking keeps (`link.meta`, with each person's sentence),
plus the slowest single cable of each stage, since one hostile file matters as
much as the mean.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generator.people as people
from generator import clean, parse
from generator.corpus import link
from generator.errors import InputError
from generator.model import Cable, Source
from generator.source import read

HERE = Path(__file__).resolve().parent


def _parse_clean(source: Source) -> Cable | None:
    try:
        return clean.clean(parse.parse(source))
    except InputError:
        return None


_Job = tuple[list[Any], Callable[[Any], Any]]
_job: _Job | None = None
"""The round a forked process runs: set before the fork, inherited by the child."""


def _round() -> tuple[float, float, str]:
    """Total CPU seconds of one pass over the items, and the slowest item."""
    assert _job is not None
    items, stage = _job
    total, worst, worst_name = 0.0, 0.0, ""
    for item in items:
        start = time.process_time()
        stage(item)
        spent = time.process_time() - start
        total += spent
        if spent > worst:
            worst, worst_name = spent, getattr(item, "path", "") or getattr(item, "id", "")
    return total, worst, worst_name


def _best(items: list[Any], stage: Callable[[Any], Any], rounds: int) -> tuple[float, float, str]:
    """Best total CPU seconds over `rounds` fresh processes, and the slowest item of the last."""
    global _job
    _job = (items, stage)
    best, worst, worst_name = float("inf"), 0.0, ""
    for _ in range(rounds):
        with multiprocessing.get_context("fork").Pool(1) as pool:
            total, worst, worst_name = pool.apply(_round)
        best = min(best, total)
    return best, worst, worst_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus-10000")
    parser.add_argument("--limit", type=int, default=0, help="first N files only (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--registry", type=Path, default=HERE.parent / "content" / "people.toml")
    args = parser.parse_args()
    folder = args.corpus / "cables" if (args.corpus / "cables").is_dir() else args.corpus
    # the dev corpus keeps each cable's source metadata beside it as ID.json
    files = [p for p in read.cable_files(folder) if p.suffix != ".json"]
    if args.limit:
        files = files[: args.limit]
    sources = []
    for path in files:
        try:
            sources.append(read.read_file(path, folder))
        except InputError:
            continue
    cables = [c for s in sources if (c := _parse_clean(s)) is not None]
    registry = people.load_registry(args.registry)
    if cables:
        people.find(cables[0], registry)  # word lists load once, outside the timing

    spent, worst, name = _best(sources, _parse_clean, args.rounds)
    per_core = len(sources) / spent if spent else float("inf")
    print(
        f"parse+clean: {len(sources)} files, {per_core:,.0f} cables/s per core "
        f"({1000 * spent / max(1, len(sources)):.3f} ms/cable); "
        f"slowest {1000 * worst:.1f} ms {name}"
    )
    spent, worst, name = _best(cables, lambda c: people.find(c, registry), args.rounds)
    size = sum(len(c.raw) for c in cables) / max(1, len(cables))
    print(
        f"people:      {len(cables)} cables, mean {size:,.0f} characters, "
        f"{1000 * spent / max(1, len(cables)):.3f} ms/cable; slowest {1000 * worst:.1f} ms {name}"
    )
    found = [people.find(c, registry) for c in cables]
    spent, worst, name = _best(found, link.meta, args.rounds)
    print(
        f"meta:        {len(found)} cables, "
        f"{1000 * spent / max(1, len(found)):.3f} ms/cable; slowest {1000 * worst:.1f} ms {name}"
    )


if __name__ == "__main__":
    main()
