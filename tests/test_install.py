"""cablegen as users get it: a wheel in a fresh venv, run in a folder outside the checkout.

An editable install reads the theme and data from the checkout, so it hides
everything a wheel forgets to carry. These tests build the wheel, install it
(not editable) into a new virtual environment, and drive the installed
`cablegen` the way a new user does: `new`, `build --strict`, `parse --json`,
`serve`. The Netlify test runs the exact build command of netlify.toml in a
clean copy of the repository with its own new environment.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_links import broken_links, summary

pytestmark = pytest.mark.slow


def _venv(folder: Path) -> Path:
    """A new virtual environment with pip; returns its bin folder."""
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return folder / "bin"


def _run(
    args: list[str], cwd: Path, bin_dir: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=_env(bin_dir), capture_output=True, text=True, timeout=timeout
    )


def _env(bin_dir: Path) -> dict[str, str]:
    """The environment of a shell in that venv, with nothing of this checkout on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _ok(done: subprocess.CompletedProcess[str], what: str) -> None:
    assert done.returncode == 0, f"{what} exited {done.returncode}\n{done.stdout}\n{done.stderr}"


def clean_copy(target: Path) -> Path:
    """The repository's files as a fresh clone has them (tracked and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding cablegen installed from its wheel."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout of cablegen to build the wheel from")
    base = tmp_path_factory.mktemp("wheel")
    source = clean_copy(base / "source")
    wheels = base / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
    )
    _ok(built, "pip wheel")
    (wheel,) = wheels.glob("cablegen-*.whl")
    bin_dir = _venv(base / "venv")
    _ok(_run(["pip", "install", "-q", str(wheel)], base, bin_dir), "pip install of the wheel")
    return bin_dir


def test_the_wheel_carries_everything_it_reads(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [
            "python",
            "-c",
            "import generator, generator.theme as t; "
            "print(generator.__file__); print(t.folder('templates'))",
        ],
        tmp_path,
        installed,
    )
    _ok(where, "import")
    module, templates = where.stdout.split()
    venv_root = str(installed.parent)
    assert module.startswith(venv_root), f"imported from {module}, not from the venv"
    assert templates.startswith(venv_root), f"theme read from {templates}, not from the wheel"
    assert Path(templates, "base.html").is_file()


def test_a_new_site_builds_parses_and_serves_from_the_wheel(
    installed: Path, tmp_path: Path
) -> None:
    _ok(_run(["cablegen", "new", "archive"], tmp_path, installed), "cablegen new")
    site = tmp_path / "archive"
    assert sorted(p.name for p in (site / "content" / "cables").iterdir())
    assert not (site / "templates").exists(), "a new site uses the packaged theme"
    refused = _run(["cablegen", "new", "archive"], tmp_path, installed)
    assert refused.returncode == 2 and "not empty" in refused.stderr

    built = _run(["cablegen", "build", "--strict"], site, installed)
    _ok(built, "cablegen build --strict")
    assert "Built 5 cables" in built.stdout, built.stdout
    out = site / "site"
    cable_pages = sorted((out / "cable").rglob("*.html"))
    assert len(cable_pages) == 5
    for editorial in ("about", "how-to-read"):
        assert (out / editorial / "index.html").is_file()
    assert list((out / "pagefind").glob("pagefind*.js")), "no search index"
    problems = broken_links(out)
    assert not problems, summary(problems)

    parsed = _run(["cablegen", "parse", "content/cables", "--json"], site, installed)
    _ok(parsed, "cablegen parse --json")
    records = [json.loads(line) for line in parsed.stdout.splitlines()]
    assert len(records) == 5 and all(r["id"] and r["paragraphs"] for r in records)

    first = cable_pages[0].relative_to(out).as_posix()
    home, page = _served(site, installed, ["", first])
    assert "cable" in home and "<html" in home
    assert cable_pages[0].stem in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _served(site: Path, bin_dir: Path, paths: list[str]) -> list[str]:
    """Start the installed `cablegen serve` in `site`, fetch `paths`, stop it."""
    port = _free_port()
    server = subprocess.Popen(
        ["cablegen", "serve", "--port", str(port)],
        cwd=site,
        env=_env(bin_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        bodies = []
        for path in paths:
            bodies.append(_fetch(f"http://127.0.0.1:{port}/{path}", server))
        return bodies
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _fetch(url: str, server: subprocess.Popen[str], wait: float = 120) -> str:
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
                return str(response.read().decode("utf-8"))
        except OSError:
            if server.poll() is not None:
                raise AssertionError(f"cablegen serve exited: {server.stderr}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def test_the_netlify_command_builds_the_seeds_and_fails_on_no_cables(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout of cablegen to copy")
    base = tmp_path_factory.mktemp("netlify")
    repo = clean_copy(base / "repo")
    command = tomllib.loads((repo / "netlify.toml").read_text("utf-8"))["build"]["command"]
    bin_dir = _venv(base / "venv")

    good = _run(["bash", "-c", command], repo, bin_dir)
    _ok(good, f"the Netlify build command {command!r}")
    built = int(good.stdout.rsplit("Built ", 1)[1].split()[0])
    assert built > 0
    assert (repo / "site" / "index.html").is_file()

    shutil.rmtree(repo / "content" / "cables")
    (repo / "content" / "cables").mkdir()
    (repo / "content" / "cables" / "notes.txt").write_text("Call the embassy on Monday.\n")
    bad = _run(["bash", "-c", command], repo, bin_dir)
    assert bad.returncode != 0, f"published a site with no cable:\n{bad.stdout}\n{bad.stderr}"
    assert "--strict" in bad.stderr
