"""Cold-build CPU with the theme's compiled fragments, with every fragment overridden, and
against another checkout, side by side.

    python -m bench.fragments --size 10000 --rounds 3
    python -m bench.fragments --size 3000 --rounds 3 --other ../cablegen-main

Each round builds the synthetic corpus bench/corpus-N cold (no search, cache removed)
once per variant, one variant after another, so a busy machine slows all alike:
- `theme`: this checkout with its own templates, every fragment compiled to Python;
- `override`: the same, with a site templates/ folder holding a copy of every file of
  templates/fragments/, which makes each an override that Jinja renders;
- `other`: the checkout given by --other, run from its own folder with its own templates
  (the same interpreter, so the same installed libraries).
The median CPU seconds (user + system, the build and its workers) per variant is printed,
and whether the sites of `theme` and `override` (and `other`) are byte-identical.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import sys
from pathlib import Path

from bench import measure
from bench.__main__ import corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "out" / "fragments"


def _config(work: Path, content: Path, templates: Path, repo: Path) -> Path:
    path = work / "cablegen.toml"
    path.write_text(
        f'content = "{content}"\noutput = "{work / "site"}"\ncache = "{work / "cache"}"\n'
        f'templates = "{templates}"\nstatic = "{repo / "static"}"\n',
        "utf-8",
    )
    return path


def _build(repo: Path, config: Path) -> float:
    for folder in ("site", "cache"):
        shutil.rmtree(config.parent / folder, ignore_errors=True)
    cmd = [sys.executable, "-m", "generator", "build", "--config", str(config), "--quiet"]
    run = measure.run([*cmd, "--no-search"], cwd=repo)
    if run.returncode != 0:
        raise SystemExit(run.output[-3000:])
    return run.cpu


def _variants(content: Path, other: Path | None) -> dict[str, tuple[Path, Path]]:
    """Variant name -> (checkout to run from, its config)."""
    out: dict[str, tuple[Path, Path]] = {}
    theme = WORK / "theme"
    theme.mkdir(parents=True, exist_ok=True)
    out["theme"] = (REPO, _config(theme, content, REPO / "templates", REPO))
    override = WORK / "override"
    shutil.rmtree(override / "templates", ignore_errors=True)
    shutil.copytree(REPO / "templates" / "fragments", override / "templates" / "fragments")
    out["override"] = (REPO, _config(override, content, override / "templates", REPO))
    if other is not None:
        mine = WORK / "other"
        mine.mkdir(parents=True, exist_ok=True)
        out["other"] = (other, _config(mine, content, other / "templates", other))
    return out


def _same(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    todo = [cmp]
    while todo:
        c = todo.pop()
        if c.left_only or c.right_only or c.diff_files or c.funny_files:
            return False
        # dircmp compares by stat first; compare bytes of the files it called equal too.
        if filecmp.cmpfiles(c.left, c.right, c.same_files, shallow=False)[1]:
            return False
        todo += c.subdirs.values()
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--other", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    content = corpus(args.size, 1)
    variants = _variants(content, args.other.resolve() if args.other else None)
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, (repo, config) in variants.items():
            cpu[name].append(_build(repo, config))
    print(f"{args.size} cables, cold build without search, CPU seconds over {args.rounds} rounds")
    for name, runs in cpu.items():
        spread = " ".join(f"{r:.2f}" for r in runs)
        print(f"  {name:9} median {statistics.median(runs):7.2f}   ({spread})")
    base = statistics.median(cpu["theme"])
    for name in cpu:
        if name != "theme":
            ratio = statistics.median(cpu[name]) / base
            same = _same(WORK / "theme" / "site", WORK / name / "site")
            print(f"  {name} / theme: {ratio:.3f}; sites byte-identical: {same}")


if __name__ == "__main__":
    main()
