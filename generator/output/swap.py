"""Whole folders: the atomic swap, the background delete, recovery after a kill.

A full build swaps its staging folder in with one rename; an in-place update
(write.Patch) moves files by a journal. A build killed at any point leaves
folders named after its pid beside the output: the next build puts back a
site moved aside, replays a sealed journal and drops the rest.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

_STAGING = re.compile(r"^\.(?P<name>.+)\.(?:staging|old|patch)-(?P<pid>\d+)$")


def journal(root: Path) -> Path:
    """Where a patch folder's journal is written when it is sealed."""
    return root.with_name(root.name + ".journal")


def replay(root: Path, output: Path) -> None:
    """Apply a committed patch's journal (again, when a build died half-way through it)."""
    moves = json.loads(journal(root).read_text("utf-8"))
    for rel in moves["moves"]:
        staged, live = root / rel, output / rel
        if staged.exists():
            live.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, live)
    for rel in moves["deletes"]:
        (output / rel).unlink(missing_ok=True)
    journal(root).unlink()
    shutil.rmtree(root, ignore_errors=True)


def discard(folder: Path, output: Path, background: bool) -> None:
    """Delete the previous site in the background: it is already out of sight.

    A 250,000-cable site is 750,000 files; deleting them takes longer than an
    incremental build, and nobody waits for it. The folder is first renamed to a
    name no build will reuse (a preview server keeps its pid, hence its staging
    name, across builds); trash left by a process that died is swept up next time.
    """
    if not background or not folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = output.parent / f".{output.name}.trash-{os.getpid()}-{time.time_ns()}"
    rm = shutil.which("rm")
    try:
        os.rename(folder, trash)
        if not rm:
            raise OSError("no rm")
        leftovers = [str(p) for p in output.parent.glob(f".{output.name}.trash-*")]
        subprocess.Popen(
            [rm, "-rf", "--", *leftovers],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(trash if trash.exists() else folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(output: Path) -> None:
    """Undo what a killed build left: restore a site moved aside, drop stale staging."""
    for sealed in sorted(output.parent.glob(f".{output.name}.patch-*.journal")):
        root = sealed.with_suffix("")
        m = _STAGING.match(root.name)
        if m and m["name"] == output.name and not _alive(int(m["pid"])) and output.is_dir():
            replay(root, output)
    for path in sorted(output.parent.glob(f".{output.name}.*-*")):
        m = _STAGING.match(path.name)
        if not m or m["name"] != output.name or _alive(int(m["pid"])):
            continue
        if path.name.startswith(f".{output.name}.old-") and not output.exists():
            os.rename(path, output)
        else:
            shutil.rmtree(path, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(rc == 0)
