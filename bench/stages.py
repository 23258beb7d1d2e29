"""The cold build by stage: wall time, CPU time, cores busy and peak memory of each stage.

    python -m bench.stages --corpus bench/corpus-10000 --work bench/out/stages-10k
    python -m bench.stages --corpus bench/corpus-10000 --work DIR --repo OTHER_CHECKOUT

Runs one cold `cablegen build` (search included unless --no-search; the site
and cache removed first) and samples its whole process tree every 0.1 s: CPU
seconds (its own, its live descendants', and those of the children it has
reaped) and the sums of RSS and PSS. The build's --report timings give each
stage's wall time; the stages are laid end to end, ending when the build
exits, and each sample is charged to the stage it falls in. `--repo` runs the
code and theme of another checkout with this Python, for before/after pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench import measure

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")
CONFIG = """content = "{content}"
output = "{output}"
cache = "{cache}"
templates = "{repo}/templates"
static = "{repo}/static"
"""


@dataclass(frozen=True)
class Sample:
    at: float
    cpu: float
    rss: int
    pss: int


def tree_cpu(root: int) -> float:
    """CPU seconds of `root`, its live descendants and every child any of them reaped."""
    tree = measure._children()
    total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the name.
        total += sum(int(f) for f in fields[11:15])
        todo.extend(tree.get(pid, ()))
    return total / TICKS


def sampled(cmd: list[str], cwd: Path) -> tuple[float, list[Sample], int]:
    """Run `cmd`; (wall seconds, samples, return code)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    samples: list[Sample] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            cpu = tree_cpu(proc.pid)
            rss, pss = measure.tree_memory(proc.pid)
            samples.append(Sample(time.perf_counter() - t0, cpu, rss, pss))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    proc.wait()
    wall = time.perf_counter() - t0
    done.set()
    thread.join()
    return wall, samples, proc.returncode


def by_stage(
    wall: float, samples: list[Sample], timings: dict[str, float], total_cpu: float
) -> list[dict[str, object]]:
    """Each stage's wall, CPU, cores busy and peak memory; "start" is everything before it."""
    stages = [(k, v) for k, v in timings.items() if v > 0]
    ends, t = [], wall
    for name, secs in reversed(stages):
        ends.append((name, t - secs, t))
        t -= secs
    spans = [("start", 0.0, t), *reversed(ends)]
    rows = []
    for name, lo, hi in spans:
        inside = [s for s in samples if lo <= s.at < hi]
        before = [s for s in samples if s.at < lo]
        upto = [s for s in samples if s.at < hi]
        cpu_lo = before[-1].cpu if before else 0.0
        # The last stage ends with the process: its reaped CPU is in the rusage total.
        cpu_hi = total_cpu if hi >= wall else (upto[-1].cpu if upto else 0.0)
        rows.append(
            {
                "stage": name,
                "wall": round(hi - lo, 2),
                "cpu": round(cpu_hi - cpu_lo, 2),
                "cores": round((cpu_hi - cpu_lo) / (hi - lo), 2) if hi > lo else 0.0,
                "peak_rss": max((s.rss for s in inside), default=0),
                "peak_pss": max((s.pss for s in inside), default=0),
            }
        )
    return rows


def table(rows: list[dict[str, object]], wall: float, cpu: float, size: int) -> str:
    lines = [
        "| stage | wall s | CPU s | cores busy | peak RSS GB | peak PSS GB |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['stage']} | {r['wall']} | {r['cpu']} | {r['cores']} "
            f"| {int(r['peak_rss']) / 1e9:.2f} | {int(r['peak_pss']) / 1e9:.2f} |"  # type: ignore[call-overload]
        )
    lines.append(
        f"| whole build | {wall:.1f} | {cpu:.1f} | {cpu / wall:.2f} "
        f"| {max(int(r['peak_rss']) for r in rows) / 1e9:.2f} "  # type: ignore[call-overload]
        f"| {max(int(r['peak_pss']) for r in rows) / 1e9:.2f} |"  # type: ignore[call-overload]
    )
    lines.append(f"\n{1000 * cpu / size:.2f} ms of CPU per cable, {size:,} cables")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, required=True, help="folder holding cables/")
    ap.add_argument("--work", type=Path, required=True, help="site, cache and report go here")
    ap.add_argument("--repo", type=Path, default=HERE.parent, help="checkout whose code runs")
    ap.add_argument("--no-search", action="store_true")
    args = ap.parse_args()
    work, repo = args.work.resolve(), args.repo.resolve()
    work.mkdir(parents=True, exist_ok=True)
    for folder in (work / "site", work / "cache"):
        shutil.rmtree(folder, ignore_errors=True)
    (work / "cablegen.toml").write_text(
        CONFIG.format(
            content=args.corpus.resolve(), output=work / "site", cache=work / "cache", repo=repo
        ),
        "utf-8",
    )
    cmd = [sys.executable, "-m", "generator", "build", "--config", str(work / "cablegen.toml")]
    cmd += ["--quiet", "--report", str(work / "report.json")]
    if args.no_search:
        cmd.append("--no-search")
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, samples, rc = sampled(cmd, repo)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if rc != 0:
        sys.exit(f"the build failed with status {rc}")
    report = json.loads((work / "report.json").read_text())
    rows = by_stage(wall, samples, report["timings"], cpu)
    print(table(rows, wall, cpu, report["cables"]))
    (work / "stages.json").write_text(json.dumps({"wall": wall, "cpu": cpu, "rows": rows}))


if __name__ == "__main__":
    main()
