"""Benchmark cablegen against the floor and the Hugo + Pagefind reference, side by side.

    python -m bench                          # 10,000 and 50,000 cables
    python -m bench --sizes 10000,50000,250000 --pagefind-max 10000
    make bench

For each size, on one synthetic corpus (bench/synth.py, seed 1) and in one run:
the read+escape+write floor (bench/floor.py), our cold build without search,
a no-op rebuild, a one-edit rebuild, a cold build with search, and Hugo (plus
Pagefind over Hugo's pages up to --pagefind-max). Prints a table and writes
bench/out/results.json. Corpora are kept in bench/corpus-N/ between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from pathlib import Path

from bench import hugo, measure, synth

HERE = Path(__file__).resolve().parent
CONFIG = """content = "{content}"
output = "{output}"
cache = "{cache}"
templates = "{repo}/templates"
static = "{repo}/static"
"""


def corpus(size: int, seed: int) -> Path:
    """bench/corpus-N/ with its cables in cables/, generated once and then reused."""
    root = HERE / f"corpus-{size}"
    done = root / f".complete-seed{seed}"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        synth.generate(size, root / "cables", seed, os.cpu_count() or 2)
        done.touch()
    return root


def output_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def edit_one(cables: Path) -> tuple[Path, bytes]:
    """Change one sentence in the middle of one cable's body; returns what to restore."""
    files = sorted(cables.iterdir())
    path = files[len(files) // 2]
    data = path.read_bytes()
    cut = data.find(b". ", len(data) // 2)
    path.write_bytes(data[: cut + 2] + b"This sentence was added. " + data[cut + 2 :])
    return path, data


def cablegen(workdir: Path, search: bool) -> measure.Run:
    cmd = [sys.executable, "-m", "generator", "build", "--config", str(workdir / "cablegen.toml")]
    cmd += ["--quiet", "--report", str(workdir / "report.json")]
    if not search:
        cmd.append("--no-search")
    run = measure.run(cmd)
    if run.returncode != 0:
        print(run.output[-3000:], file=sys.stderr)
    return run


def timings(workdir: Path) -> dict[str, float]:
    try:
        report = json.loads((workdir / "report.json").read_text())
    except (OSError, ValueError):
        return {}
    return {k: round(float(v), 2) for k, v in report.get("timings", {}).items()}


def ours(size: int, root: Path, work: Path, search_max: int) -> dict[str, object]:
    """Cold, no-op and one-edit builds without search, then a cold build with search."""
    site, cache = work / "site", work / "cache"
    (work / "cablegen.toml").write_text(
        CONFIG.format(content=root, output=site, cache=cache, repo=HERE.parent), "utf-8"
    )
    result: dict[str, object] = {}
    for folder in (site, cache):
        shutil.rmtree(folder, ignore_errors=True)
    cold = cablegen(work, search=False)
    result.update(cold=cold, cold_stages=timings(work), bytes=output_bytes(site))
    result["noop"] = cablegen(work, search=False)
    path, original = edit_one(root / "cables")
    try:
        result["edit"] = cablegen(work, search=False)
        result["edit_stages"] = timings(work)
    finally:
        path.write_bytes(original)
    cablegen(work, search=False)  # back in step with the restored corpus
    if size <= search_max:
        for folder in (site, cache):
            shutil.rmtree(folder, ignore_errors=True)
        result["search"] = cablegen(work, search=True)
        result["search_stages"] = timings(work)
    return result


def reference(size: int, root: Path, work: Path, pagefind_max: int) -> dict[str, object]:
    """Hugo cold build and one-edit rebuild, then Pagefind over its pages."""
    site = work / "hugo"
    hugo.make_site(root / "cables", site)
    cmd = [hugo.binary(), "--quiet", "--source", str(site), "--destination", str(site / "public")]
    result: dict[str, object] = {"hugo": measure.run(cmd)}
    page = sorted((site / "content" / "cables").iterdir())[size // 2]
    page.write_text(page.read_text("utf-8") + "\nThis sentence was added.\n", "utf-8")
    result["hugo_edit"] = measure.run(cmd)
    if size <= pagefind_max:
        pf = [hugo.pagefind_binary(), "--site", str(site / "public"), "--silent"]
        result["pagefind"] = measure.run(pf)
    shutil.rmtree(site, ignore_errors=True)
    return result


def bench_size(size: int, args: argparse.Namespace) -> dict[str, object]:
    root = corpus(size, args.seed)
    work = HERE / "out" / str(size)
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, object] = {"size": size}
    floor_dir = work / "floor"
    shutil.rmtree(floor_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "bench.floor", str(root / "cables"), str(floor_dir)]
    result["floor"] = measure.run(cmd)
    shutil.rmtree(floor_dir, ignore_errors=True)
    result.update(ours(size, root, work, args.search_max))
    if not args.no_hugo:
        result.update(reference(size, root, work, args.pagefind_max))
    return result


def _secs(run: object) -> str:
    """Wall seconds, then CPU seconds of the whole process tree."""
    if not isinstance(run, measure.Run):
        return "-"
    fail = "" if run.returncode == 0 else " FAILED"
    return f"{run.seconds:.1f} s ({run.cpu:.1f} s CPU){fail}"


def _gb(run: object) -> str:
    if not isinstance(run, measure.Run):
        return "-"
    return f"{run.peak_rss / 1e9:.2f} GB ({run.peak_pss / 1e9:.2f} GB PSS)"


def _ratio(a: object, b: object) -> str:
    """Wall-time ratio, then CPU-time ratio."""
    if isinstance(a, measure.Run) and isinstance(b, measure.Run) and b.seconds and b.cpu:
        return f"{a.seconds / b.seconds:.2f} ({a.cpu / b.cpu:.2f} CPU)"
    return "-"


def table(results: list[dict[str, object]]) -> str:
    """Markdown table: one column per corpus size."""
    rows: list[tuple[str, object]] = [
        ("floor: read+escape+write, 2 procs", lambda r: _secs(r["floor"])),
        ("cablegen cold, no search", lambda r: _secs(r["cold"])),
        ("  cables per second", lambda r: f"{r['size'] / r['cold'].seconds:,.0f}"),
        ("  peak RSS, all processes", lambda r: _gb(r["cold"])),
        ("  stages", lambda r: ", ".join(f"{k} {v}" for k, v in r["cold_stages"].items())),
        ("  output bytes", lambda r: f"{r['bytes'] / 1e6:,.0f} MB"),
        ("  ratio to floor (target <= 3)", lambda r: _ratio(r["cold"], r["floor"])),
        ("cablegen no-op rebuild", lambda r: _secs(r["noop"])),
        ("cablegen one-edit rebuild", lambda r: _secs(r["edit"])),
        ("  stages", lambda r: ", ".join(f"{k} {v}" for k, v in r["edit_stages"].items())),
        ("cablegen cold with search", lambda r: _secs(r.get("search"))),
        ("  peak RSS, all processes", lambda r: _gb(r.get("search"))),
        (
            "  stages",
            lambda r: ", ".join(f"{k} {v}" for k, v in r.get("search_stages", {}).items()),
        ),
        ("Hugo cold", lambda r: _secs(r.get("hugo"))),
        ("  peak RSS", lambda r: _gb(r.get("hugo"))),
        ("Hugo one-edit rebuild", lambda r: _secs(r.get("hugo_edit"))),
        ("Pagefind over Hugo pages", lambda r: _secs(r.get("pagefind"))),
        ("  peak RSS", lambda r: _gb(r.get("pagefind"))),
        ("ratio cablegen / Hugo, cold (target <= 1)", lambda r: _ratio(r["cold"], r.get("hugo"))),
        ("ratio cablegen / Hugo, one edit", lambda r: _ratio(r["edit"], r.get("hugo_edit"))),
    ]
    head = "| cables | " + " | ".join(f"{r['size']:,}" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for label, cell in rows:
        values = []
        for r in results:
            try:
                values.append(str(cell(r)))  # type: ignore[operator]
            except (KeyError, AttributeError, TypeError, ZeroDivisionError):
                values.append("-")
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def machine() -> str:
    mem = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return (
        f"{os.cpu_count()} cores, {int(mem) / 1e6:.0f} GB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )


def _plain(value: object) -> object:
    if isinstance(value, measure.Run):
        return {
            "seconds": round(value.seconds, 2),
            "cpu": round(value.cpu, 2),
            "peak_rss": value.peak_rss,
            "peak_pss": value.peak_pss,
            "rc": value.returncode,
        }
    return value


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="10000,50000", help="comma-separated corpus sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--search-max", type=int, default=250000, help="largest size built with search")
    ap.add_argument(
        "--pagefind-max", type=int, default=10000, help="largest size for Pagefind over Hugo"
    )
    ap.add_argument("--no-hugo", action="store_true", help="skip the Hugo reference")
    args = ap.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(bench_size(size, args))
        print(f"\n{machine()}\n\n{table(results)}\n", flush=True)
        out = HERE / "out" / "results.json"
        out.write_text(
            json.dumps([{k: _plain(v) for k, v in r.items()} for r in results], indent=1)
        )


if __name__ == "__main__":
    main()
