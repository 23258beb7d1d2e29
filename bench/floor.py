"""The floor: the least any generator must do — read each cable, escape it, write a page.

    python -m bench.floor SRC DST [--jobs 2]

Two processes, one file in, one file out, no parsing: what is left of a build
when everything clever is free. Our build is measured as a multiple of this.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing
import os
from pathlib import Path


def _page(job: tuple[list[str], str]) -> int:
    names, dst = job
    for path in names:
        text = Path(path).read_text("utf-8")
        title = html.escape(Path(path).stem)
        body = f"<!doctype html><title>{title}</title><pre>{html.escape(text)}</pre>"
        Path(dst, Path(path).stem + ".html").write_text(body, "utf-8")
    return len(names)


def floor(src: Path, dst: Path, jobs: int = 2) -> int:
    """Escape every file of `src` into `dst`; returns the number of pages."""
    dst.mkdir(parents=True, exist_ok=True)
    names = sorted(str(p) for p in src.iterdir() if p.is_file())
    chunks = [(names[i : i + 500], str(dst)) for i in range(0, len(names), 500)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.map(_page, chunks))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    print(floor(args.src, args.dst, args.jobs))


if __name__ == "__main__":
    main()
