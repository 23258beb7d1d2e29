"""Two builds of the same input, from different folders and working directories,
minutes apart, give the same bytes: every page, export and search index file.

Pagefind itself writes its filter files in a per-process HashMap order; the
index stage rewrites them sorted (generator.search.pagefind_order), so they are held
to bytes here like everything else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.search import pagefind_order
from tests.hostile.sitebuild import (
    REPO,
    Built,
    assert_built,
    corpus_build,
    once,
    run_build,
    site_files,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    first = corpus_build(tmp_path_factory)
    assert_built(first)

    def make(root: Path) -> Built:
        # Another content path, another working directory, another output path.
        content = root / "elsewhere" / "input"
        shutil.copytree(first.content, content)
        return run_build(root, content, output=root / "out" / "public", workdir=root / "cwd")

    second = once(tmp_path_factory, "corpus-again", make)
    assert_built(second)
    return first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Built, Built]) -> None:
    first, second = (site_files(b.output) for b in two_builds)
    assert any(p.endswith(".pf_filter") for p in first), "no search index was built"
    assert set(first) == set(second), f"only in one build: {sorted(set(first) ^ set(second))[:10]}"
    differ = sorted(p for p in first if first[p] != second[p])
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:10]}"


def test_filter_files_are_sorted(two_builds: tuple[Built, Built]) -> None:
    files = site_files(two_builds[0].output)
    filters = [p for p in files if p.endswith(".pf_filter")]
    for path in filters:
        name, values = pagefind_order.decode(files[path])
        keys = [v[0] for v in values]
        assert keys == sorted(keys), f"{path}: filter {name!r} values out of order"


def test_no_machine_path_or_build_time_in_the_output(two_builds: tuple[Built, Built]) -> None:
    built = two_builds[1]
    needles = {str(p) for p in (built.root, built.content, built.output, REPO, Path.home())}
    needles |= {n.replace("/", "\\/") for n in needles}
    found = []
    for path, blob in site_files(built.output).items():
        text = blob.decode("utf-8", errors="ignore")
        found += [f"{path}: {n}" for n in needles if n in text]
    assert not found, "machine paths in the output:\n" + "\n".join(found[:20])
