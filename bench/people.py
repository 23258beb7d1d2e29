"""How long people extraction takes per cable, apart from the rest of the pipeline.

    python -m bench.people                       # bench/corpus-10000, first 2000 cables
    python -m bench.people --corpus DIR --limit 5000

Cables are parsed first (not timed); then `people.find` runs over all of them
with the registry in content/people.toml, and the CPU time per cable is printed
with the corpus's mean cable size, since time grows with the text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import generator.people as people
from generator.commands import build
from generator.source import read

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus-10000")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--registry", type=Path, default=HERE.parent / "content" / "people.toml")
    args = parser.parse_args()
    folder = args.corpus / "cables" if (args.corpus / "cables").is_dir() else args.corpus
    files = read.cable_files(folder)[: args.limit]
    cables = [c for f in files if (c := build.cable_from_source(read.read_file(f, folder)).cable)]
    registry = people.load_registry(args.registry)
    people.find(cables[0], registry)  # word lists are loaded once, outside the timing
    start = time.process_time()
    found = sum(len(people.find(c, registry).people) for c in cables)
    spent = time.process_time() - start
    size = sum(len(c.raw) for c in cables) / max(1, len(cables))
    print(
        f"{len(cables)} cables, mean {size:,.0f} characters: "
        f"{1000 * spent / max(1, len(cables)):.2f} ms CPU per cable, {found} mentions"
    )


if __name__ == "__main__":
    main()
