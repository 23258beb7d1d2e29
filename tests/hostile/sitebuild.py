"""Real builds through the command line, each made once per test run.

A build is the expensive part of these tests, so each named build is made by
the first test process that asks for it and reused by the others (pytest-xdist
workers share one temporary parent folder; a file lock orders them).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 900


@dataclass(frozen=True)
class Built:
    """One finished build: where it ran and what it said."""

    root: Path
    """The sandbox holding work/, content/ and site/."""
    content: Path
    output: Path
    returncode: int
    stdout: str
    stderr: str
    report: dict
    """The --report JSON, or {} when the build wrote none."""


def write_config(workdir: Path, **settings: object) -> Path:
    """A cablegen.toml in `workdir` pointing at this checkout's templates and static files."""
    values: dict[str, object] = {
        "templates": str(REPO / "templates"),
        "static": str(REPO / "static"),
        "cache": str(workdir / "cache"),
    }
    values.update(settings)
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    path = workdir / "cablegen.toml"
    text = "\n".join(lines) + "\n"
    # Left untouched when unchanged, so a snapshot taken before a build stays true.
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def cablegen(*args: str | Path) -> list[str]:
    """The command line that runs cablegen from this checkout."""
    return [sys.executable, "-m", "generator", *map(str, args)]


def run_build(
    root: Path,
    content: Path,
    *,
    search: bool = True,
    output: Path | None = None,
    workdir: Path | None = None,
    config: dict[str, object] | None = None,
) -> Built:
    """Build `content` into `output` (default root/site) from `workdir` (default root/work)."""
    output = output or root / "site"
    workdir = workdir or root / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    config_path = write_config(workdir, **(config or {}))
    report = workdir / "report.json"
    args = ["build", "--config", config_path, "--content", content, "--output", output]
    args += ["--report", report, "--quiet"]
    if not search:
        args.append("--no-search")
    proc = subprocess.run(
        cablegen(*args),
        cwd=workdir,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=BUILD_TIMEOUT,
    )
    data = json.loads(report.read_text("utf-8")) if report.is_file() else {}
    return Built(root, content, output, proc.returncode, proc.stdout, proc.stderr, data)


def shared_root(factory: pytest.TempPathFactory) -> Path:
    """A folder every test process of this run sees."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Built]) -> Built:
    """`make(root)` the first time anyone in this run asks for `name`; the saved result after."""
    root = shared_root(factory) / name
    saved = root / "built.json"
    with _locked(shared_root(factory) / f"{name}.lock"):
        if not saved.is_file():
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            built = make(root)
            fields = {k: str(v) if isinstance(v, Path) else v for k, v in vars(built).items()}
            saved.write_text(json.dumps(fields), encoding="utf-8")
    fields = json.loads(saved.read_text("utf-8"))
    for key in ("root", "content", "output"):
        fields[key] = Path(fields[key])
    return Built(**fields)


def copy_repo_content(dest: Path) -> None:
    """The checkout's editorial pages and people registry, so hostile builds look real."""
    src = REPO / "content"
    dest.mkdir(parents=True, exist_ok=True)
    for item in sorted(src.iterdir()):
        if item.name == "cables":
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name)
        else:
            shutil.copyfile(item, dest / item.name)


def corpus_content(dest: Path, dev: list[Path], variants: Sequence[Path] = ()) -> Path:
    """The seeds plus the dev cables (texts only, never their metadata files).

    Also a made-up cable in two texts (tests/data/versions) and the dev cables'
    earlier texts (`variants`), so the site has versions and diff pages to check.
    """
    copy_repo_content(dest)
    shutil.copytree(REPO / "content" / "cables", dest / "cables" / "seeds")
    shutil.copytree(REPO / "tests" / "data" / "versions", dest / "cables" / "versions")
    for folder, paths in (("dev", dev), ("variants", variants)):
        if paths:
            (dest / "cables" / folder).mkdir(parents=True)
        for path in paths:
            shutil.copyfile(path, dest / "cables" / folder / path.name)
    return dest


def site_files(output: Path) -> dict[str, bytes]:
    """Every file of a built site by its POSIX path relative to the site root."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def corpus_build(factory: pytest.TempPathFactory) -> Built:
    """The seeds plus the dev corpus (when it is there), with search: built once per run."""
    from tests.conftest import dev_cable_files, dev_variant_files

    def make(root: Path) -> Built:
        content = corpus_content(root / "content", dev_cable_files(), dev_variant_files())
        return run_build(root, content)

    return once(factory, "corpus", make)


def assert_built(built: Built) -> None:
    """Fail with the build's own words when it did not finish."""
    assert built.returncode == 0, (
        f"cablegen build exited {built.returncode}\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    )
