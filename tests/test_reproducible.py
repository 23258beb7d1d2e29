"""Two builds of the same input, from different folders and working directories,
minutes apart, give the same bytes.

One part is compared by meaning rather than bytes: Pagefind 1.5 writes each
filter's values (and the list of filters in its metadata file) in the order of
a Rust HashMap, which is seeded afresh in every process. The values, the pages
they point at and everything else of the index are the same, but the order, and
so the content hashes in those file names, differ from run to run. The test
decodes those files and compares them sorted, so any other difference, in
pages, index chunks or fragments, still fails on bytes.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

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

# Files whose names or bytes carry the hash of a HashMap-ordered filter file.
UNORDERED = re.compile(
    r"(^|/)pagefind/(.*/)?(filter/[^/]+\.pf_filter|[^/]+\.pf_meta|pagefind-entry\.json)$"
)
PAGEFIND_HEADER = b"pagefind_dcd"


def cbor(data: bytes, i: int = 0) -> tuple[Any, int]:
    """Decode the small CBOR subset Pagefind writes: ints, strings, arrays, maps."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif 24 <= info <= 27:
        size = 1 << (info - 24)
        n, i = int.from_bytes(data[i : i + size], "big"), i + size
    else:
        raise ValueError(f"unsupported CBOR head {head:#x} at {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i : i + n]
        return (chunk.decode() if major == 3 else chunk), i + n
    if major in (4, 5):
        items = []
        for _ in range(n * (2 if major == 5 else 1)):
            item, i = cbor(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), i
    if major == 7 and n in (20, 21, 22):
        return {20: False, 21: True, 22: None}[n], i
    raise ValueError(f"unsupported CBOR major type {major}")


def pagefind_value(blob: bytes) -> Any:
    raw = gzip.decompress(blob)
    assert raw.startswith(PAGEFIND_HEADER)
    value, end = cbor(raw, len(PAGEFIND_HEADER))
    assert end == len(raw)
    return value


def canonical(value: Any) -> Any:
    """Order-free form: every list and map sorted, so only content is compared."""
    if isinstance(value, dict):
        return sorted((canonical(k), canonical(v)) for k, v in value.items())
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=repr)
    return value


def unordered_content(files: dict[str, bytes]) -> dict[str, Any]:
    """The HashMap-ordered Pagefind files of a site, by shard, decoded and sorted."""
    out: dict[str, Any] = {}
    for path, blob in files.items():
        if not UNORDERED.search(path):
            continue
        shard = path.rsplit("/pagefind/", 1)[0] if "/pagefind/" in path else ""
        if path.endswith(".pf_filter"):
            out.setdefault(shard + " filters", []).append(canonical(pagefind_value(blob)))
        elif path.endswith(".pf_meta"):
            meta = pagefind_value(blob)
            # The filter list names each filter file by its hash; keep only the names.
            meta[3] = sorted(name for name, _ in meta[3])
            out[shard + " meta"] = canonical(meta)
        elif blob.strip():
            entry = json.loads(blob)
            for lang in entry["languages"].values():
                lang.pop("hash")
            out[shard + " entry"] = entry
        else:
            # An entry file with nothing in it: still has to be the same in both builds.
            out[shard + " entry"] = blob
    return {k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in out.items()}


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
    ordered_a = {p for p in first if not UNORDERED.search(p)}
    ordered_b = {p for p in second if not UNORDERED.search(p)}
    assert ordered_a == ordered_b, f"only in one build: {sorted(ordered_a ^ ordered_b)[:10]}"
    differ = sorted(p for p in ordered_a if first[p] != second[p])
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:10]}"


def test_pagefind_filter_files_differ_only_in_order(two_builds: tuple[Built, Built]) -> None:
    first, second = (site_files(b.output) for b in two_builds)
    assert any(UNORDERED.search(p) for p in first), "no Pagefind index was built"
    assert unordered_content(first) == unordered_content(second)


def test_no_machine_path_or_build_time_in_the_output(two_builds: tuple[Built, Built]) -> None:
    built = two_builds[1]
    needles = {str(p) for p in (built.root, built.content, built.output, REPO, Path.home())}
    needles |= {n.replace("/", "\\/") for n in needles}
    found = []
    for path, blob in site_files(built.output).items():
        text = blob.decode("utf-8", errors="ignore")
        found += [f"{path}: {n}" for n in needles if n in text]
    assert not found, "machine paths in the output:\n" + "\n".join(found[:20])
