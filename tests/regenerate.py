"""Rewrite the golden records of the seed cables: `python -m tests.regenerate`.

Each tests/golden/<seed>.json is exactly what `cablegen parse <seed> --json`
prints. Review the diff (`git diff tests/golden`) before committing it.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "cables"
GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_output(seed: Path) -> str:
    """What `cablegen parse SEED --json` prints, run from the project root."""
    relative = seed.relative_to(ROOT)
    result = CliRunner().invoke(main, ["parse", str(relative), "--json"])
    if result.exit_code != 0:
        raise RuntimeError(f"cablegen parse {relative} failed: {result.output}")
    return result.stdout


def regenerate() -> list[Path]:
    """Write one golden file per seed; returns the files written."""
    GOLDEN.mkdir(exist_ok=True)
    written = []
    for seed in sorted(SEEDS.glob("*.txt")):
        target = GOLDEN / f"{seed.stem}.json"
        target.write_text(golden_output(seed), "utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    for path in regenerate():
        print(f"wrote {path.relative_to(ROOT)}")
