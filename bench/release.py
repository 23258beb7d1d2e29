"""The release as one cables.csv against the same cables as files: time and peak memory.

    python -m bench.release --size 20000              # read passes and builds
    python -m bench.release --size 250000 --read-only # read passes only

The synthetic corpus (bench/synth.py, seed 1, kept in bench/corpus-N/) is written
once more as bench/corpus-N/release/cables/cables.csv in the documented layout
(eight quoted columns, backslash escapes; header and body split at the first
blank line, so a row holds exactly the file's text). Then, each in a child
process measured by bench/measure.py (wall, CPU, peak RSS of the process tree):

- read: every input of the folder read into a Source, as `cablegen parse` and a
  build's workers read them (`python -m bench.release read DIR`): the files, then
  the cables.csv row by row;
- build: a cold `cablegen build --no-search` from each folder, then from the
  cables.csv a no-op rebuild and a rebuild after one row was edited.

Prints a table and writes bench/out/release-N.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

from bench import measure
from bench.__main__ import CONFIG, HERE, corpus

DTG = re.compile(r"\b(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})\b")
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
ID = re.compile(r"^\d{2}([A-Z]+)\d+$")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _row(seq: int, cable_id: str, text: str) -> str:
    """One row for a cable file's text: metadata as the release would give it."""
    text = text[:-1] if text.endswith("\n") else text
    header, sep, body = text.partition("\n\n")
    if not sep:
        header, body = "", text
    dtg = DTG.search(text)
    created = (
        f"{MONTHS.index(dtg[4]) + 1:02d}/{dtg[1]}/20{dtg[5]} {dtg[2]}:{dtg[3]}"
        if dtg and dtg[4] in MONTHS
        else ""
    )
    post = ID.match(cable_id)
    origin = f"Embassy {post[1].title()}" if post else ""
    cols = [str(seq), created, cable_id, origin, "", "", header, body]
    return ",".join(_quoted(c) for c in cols) + "\n"


def write_csv(cables: Path, out: Path) -> int:
    """The cable files of `cables` as one cables.csv at `out`; returns its size."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        for seq, path in enumerate(sorted(cables.iterdir()), 1):
            f.write(_row(seq, path.stem, path.read_text("utf-8")))
    tmp.replace(out)
    return out.stat().st_size


def release_corpus(size: int, seed: int) -> tuple[Path, Path]:
    """(folder of cable files, folder holding only cables.csv), made once and reused."""
    root = corpus(size, seed)
    csv_root = root / "release"
    done = csv_root / f".complete-seed{seed}"
    if not done.exists():
        write_csv(root / "cables", csv_root / "cables" / "cables.csv")
        done.touch()
    return root, csv_root


def read_all(folder: Path) -> None:
    """Read every input under `folder` into a Source (the child process measured)."""
    from generator.source import shapes

    start = time.perf_counter()
    count = chars = 0
    for loaded in shapes.each(folder, folder):
        count += 1
        chars += len(getattr(loaded, "text", ""))
    print(json.dumps({"inputs": count, "chars": chars, "s": time.perf_counter() - start}))


def _read(folder: Path) -> measure.Run:
    return measure.run([sys.executable, "-m", "bench.release", "read", str(folder)])


def _build(content: Path, work: Path) -> measure.Run:
    work.mkdir(parents=True, exist_ok=True)
    config = work / "cablegen.toml"
    site, cache = work / "site", work / "cache"
    text = CONFIG.format(content=content, output=site, cache=cache, repo=HERE.parent)
    config.write_text(text, "utf-8")
    cmd = [sys.executable, "-m", "generator", "build", "--config", str(config), "--quiet"]
    run = measure.run([*cmd, "--no-search", "--report", str(work / "report.json")])
    if run.returncode != 0:
        print(run.output[-3000:], file=sys.stderr)
    return run


def _edit_row(csv_path: Path) -> bytes:
    """Add a sentence to the body of the middle row; returns the original bytes."""
    data = csv_path.read_bytes()
    cut = data.find(b". ", data.find(b'\n"', len(data) // 2)) + 2
    csv_path.write_bytes(data[:cut] + b"This sentence was added. " + data[cut:])
    return data


def builds(files: Path, csv_root: Path, work: Path) -> dict[str, measure.Run]:
    shutil.rmtree(work, ignore_errors=True)
    out = {"files cold": _build(files, work / "files"), "csv cold": _build(csv_root, work / "csv")}
    out["csv no-op"] = _build(csv_root, work / "csv")
    csv_path = csv_root / "cables" / "cables.csv"
    original = _edit_row(csv_path)
    try:
        out["csv one row edited"] = _build(csv_root, work / "csv")
    finally:
        csv_path.write_bytes(original)
    return out


def _line(name: str, run: measure.Run) -> str:
    return (
        f"| {name} | {run.seconds:.1f} s | {run.cpu:.1f} s | {run.peak_rss / 2**30:.2f} GB "
        f"({run.peak_pss / 2**30:.2f} GB PSS) |"
    )


def main() -> None:
    if sys.argv[1:2] == ["read"]:
        read_all(Path(sys.argv[2]))
        return
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--read-only", action="store_true", help="measure the read passes only")
    args = ap.parse_args()
    root, csv_root = release_corpus(args.size, args.seed)
    runs = {"read files": _read(root), "read cables.csv": _read(csv_root)}
    if not args.read_only:
        runs.update(builds(root, csv_root, HERE / "out" / f"release-{args.size}"))
    size = (csv_root / "cables" / "cables.csv").stat().st_size
    print(f"{args.size:,} cables; cables.csv {size / 2**20:,.0f} MB")
    print("| run | wall | CPU | peak memory, all processes |\n|---|---|---|---|")
    for name, run in runs.items():
        print(_line(name, run))
    (HERE / "out").mkdir(exist_ok=True)
    record = {k: {"seconds": r.seconds, "cpu": r.cpu, "rss": r.peak_rss} for k, r in runs.items()}
    (HERE / "out" / f"release-{args.size}.json").write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
