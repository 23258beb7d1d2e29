"""Run a command and measure its wall time and peak memory across all its processes.

Peak memory is the largest sum of resident set sizes of the command and every
descendant, sampled from /proc; a build that forks workers is charged for all of
them at once. Forked workers share the pages they inherit and have not written,
and a sum of RSS counts each shared page once per process, so the proportional
set size (PSS: a shared page split between its sharers) is summed as well: it
is what the machine really has to hold.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    """One measured command."""

    seconds: float
    peak_rss: int
    """Bytes: largest sampled sum of RSS over the process tree."""
    returncode: int
    output: str
    cpu: float = 0.0
    """CPU seconds (user + system) of the command and every child it waited for.

    On a shared machine wall time depends on the neighbours; CPU time does not."""
    peak_pss: int = 0
    """Bytes: largest sampled sum of PSS over the process tree (shared pages split)."""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; fields follow the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_rss(root: int) -> int:
    """Sum of RSS of `root` and all its descendants, in bytes."""
    return tree_memory(root)[0]


def tree_memory(root: int) -> tuple[int, int]:
    """Sums of RSS and of PSS of `root` and all its descendants, in bytes."""
    tree = _children()
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        rss += _rss(pid)
        pss += _pss(pid)
        todo.extend(tree.get(pid, ()))
    return rss, pss


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to completion, sampling its process tree's memory every 50 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            rss, pss = tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, peak[0], proc.returncode, out, cpu, peak[1])
