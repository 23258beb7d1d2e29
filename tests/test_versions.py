"""Versions of a cable: one cable however many texts, the fullest shown, word diffs between them.

tests/data/versions/ holds a made-up cable in two published texts: the later
one names who the earlier one redacted, adds a paragraph, and is typeset
differently (lines unwrapped, the page break elsewhere). Their diff is known.
"""

from __future__ import annotations

import functools
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands.build import cable_from_source
from generator.commands.cli import main
from generator.corpus import link, versions
from generator.corpus.link import CableMeta
from generator.model import Cable, Paragraph
from generator.site import versions as site_versions
from generator.site import word_diff
from generator.site.word_diff import Segment
from generator.source import read
from tests.conftest import DEV_VARIANTS, ROOT
from tests.hostile.sitebuild import copy_repo_content, run_build
from tests.release import made_up

PAIR = ROOT / "tests" / "data" / "versions"
EARLIER, LATER = PAIR / "09ASTANA3001.txt", PAIR / "09ASTANA3001@later.txt"


def parsed(path: Path) -> Cable:
    cable = cable_from_source(read.read_file(path, path.parent)).cable
    assert cable is not None, f"{path.name} was refused"
    return cable


def test_the_hand_made_pair_diffs_as_known() -> None:
    d = word_diff.diff(word_diff.tokens(parsed(EARLIER)), word_diff.tokens(parsed(LATER)))
    assert d.paragraphs == [
        [
            Segment("same", "1. (C) On December 17 the Ambassador met"),
            Segment("lifted-was", "XXXXXXXXXXXX,", redaction=True),
            Segment("lifted", "Deputy Minister Arman Seitov,"),
            Segment(
                "same",
                "who described the apple harvest in Almaty province as the best in a decade.",
            ),
        ],
        # Rewrapped, its page break moved: no change.
        [Segment("same", "2. (C) The minister said apple exports would rise next year.")],
        [Segment("added", "3. (U) Comment: Nothing in this cable is real. End comment.")],
    ]
    assert d.counts.summary() == "1 paragraph added, 1 redaction lifted"


def test_the_other_way_the_redaction_is_added_and_the_paragraph_removed() -> None:
    d = word_diff.diff(word_diff.tokens(parsed(LATER)), word_diff.tokens(parsed(EARLIER)))
    assert d.paragraphs[0][1:3] == [
        Segment("redacted-was", "Deputy Minister Arman Seitov,"),
        Segment("redacted", "XXXXXXXXXXXX,", redaction=True),
    ]
    assert d.paragraphs[-1] == [
        Segment("same", "2. (C) The minister said apple exports would rise next year."),
        Segment("removed", "3. (U) Comment: Nothing in this cable is real. End comment."),
    ]
    assert d.counts.summary() == "1 paragraph removed, 1 redaction added"


@pytest.mark.parametrize(
    ("old", "new", "summary"),
    [
        ("He said “no” to it.", 'He said "no" to it.', "quotes retypeset in 1 word"),
        ("One two three.", "One too three.", "wording changed in 1 place"),
        (
            "Rome 00000097 002 of 005 Text.",
            "Text.",
            "no change in the words; only the layout differs",
        ),
        (
            "A note by XXXXXXXX here.",
            "A note by [Source removed] here.",
            "wording changed in 1 place",
        ),
        ("Met FM.XXXXXXXX today.", "Met FM. Ali Veli today.", "1 redaction lifted"),
        (
            "Text ROME 00000097 002 OF 005 goes on.",
            "Text goes on.",
            "no change in the words; only the layout differs",
        ),
    ],
)
def test_what_counts_as_a_change(old: str, new: str, summary: str) -> None:
    d = word_diff.diff(_words(old), _words(new))
    assert d.counts.summary() == summary


def _words(text: str) -> list[str]:
    """The tokens of a cable whose body is `text`."""
    return word_diff.tokens(
        replace(parsed(EARLIER), paragraphs=(Paragraph(None, None, "text", text),))
    )


def test_inputs_with_equal_paragraphs_are_one_version_and_merging_is_order_free() -> None:
    early, late = link.meta(parsed(EARLIER)), link.meta(parsed(LATER))
    again = link.meta(_moved(parsed(EARLIER), "b/09ASTANA3001.txt"))
    one, other = (
        versions.merge(versions.merge(early, late), again),
        versions.merge(again, versions.merge(late, early)),
    )
    assert one == other
    assert [len(v.inputs) for v in one.versions] == [2, 1]
    assert one.source_path == LATER.name, "the fuller text is shown"
    assert versions.count(one) == 2


def _moved(cable: Cable, path: str) -> Cable:
    return replace(cable, source_path=path)


def test_a_partial_extract_is_never_shown_over_a_full_text() -> None:
    full = link.meta(parsed(EARLIER))
    longer = link.meta(replace(parsed(LATER), source_path="zz.txt", partial=True))
    assert longer.versions[0].words > full.versions[0].words and longer.versions[0].partial
    assert versions.merge(full, longer).source_path == full.source_path
    assert versions.merge(full, link.meta(parsed(LATER))).source_path == LATER.name


@pytest.fixture
def pair_site(tmp_path: Path) -> tuple[dict, Path]:
    content = tmp_path / "content"
    copy_repo_content(content)
    (content / "cables" / "later").mkdir(parents=True)
    shutil.copy(EARLIER, content / "cables" / "09ASTANA3001.txt")
    shutil.copy(LATER, content / "cables" / "later" / "09ASTANA3001.txt")
    # The earlier text again as a cables.csv row: another shape, the same version.
    header, body = EARLIER.read_text("utf-8").split("\n\n", 1)
    cols = ["1", "12/18/2009 05:19", "09ASTANA3001", "Embassy Astana", "CONFIDENTIAL", ""]
    row = ",".join(made_up.quoted(c) for c in [*cols, header, body]) + "\n"
    (content / "cables" / "cables.csv").write_text(row, "utf-8")
    built = run_build(tmp_path, content, search=False)
    assert built.returncode == 0, built.stderr
    return built.report, built.output


def test_a_build_shows_the_fullest_text_and_lists_both_versions(
    pair_site: tuple[dict, Path],
) -> None:
    report, site = pair_site
    assert report["cables"] == 1 and report["versions"] == 2 and not report["skipped"]
    assert not [w for w in report["warnings"] if "09ASTANA3001" in w and "also in" in w]
    folder = site / "cable" / "2009" / "12"
    record = json.loads((folder / "09ASTANA3001.json").read_text("utf-8"))
    assert record["versions"] == 2 and record["source"] == "cables/later/09ASTANA3001.txt"
    files = sorted(p.name for p in (folder / "09ASTANA3001").iterdir())
    assert files == ["v1-v2.html", "v1.json", "v1.txt", "v2.json", "v2.txt"]
    v1 = json.loads((folder / "09ASTANA3001" / "v1.json").read_text("utf-8"))
    assert v1["source"] == "cables/09ASTANA3001.txt" and v1["redactions"] == 1
    assert (folder / "09ASTANA3001" / "v1.txt").read_bytes() == EARLIER.read_bytes()
    page = (folder / "09ASTANA3001.html").read_text("utf-8")
    assert "Seitov" in page and 'class="versions"' in page
    # The earlier text's two inputs (a file and a row) are one version, listed together.
    one = '<code>cables/09ASTANA3001.txt</code>\n<details class="version-more">'
    assert one in page and "<li><code>cables/cables.csv#09ASTANA3001</code></li>" in page
    assert "published in 2 different texts" in page
    assert "From v1 to v2: 1 paragraph added, 1 redaction lifted" in page
    assert 'href="09ASTANA3001/v1-v2.html"' in page


def test_the_diff_page_marks_the_lifted_redaction(pair_site: tuple[dict, Path]) -> None:
    _, site = pair_site
    page = (site / "cable" / "2009" / "12" / "09ASTANA3001" / "v1-v2.html").read_text("utf-8")
    assert (
        '<del class="diff-removed diff-lifted-was"><span class="visually-hidden">'
        '[redaction lifted: </span><span class="redacted" role="img" aria-label="redacted">'
        "XXXXXXXXXXXX,</span>"
    ) in page
    assert '<ins class="diff-lifted" title="redaction lifted">' in page
    assert "Deputy Minister Arman Seitov,</span>" not in page  # words, not a box
    assert "<script>" not in page and "style=" not in page
    body = page[page.index('class="cable-body diff-body"') :]
    # Paragraph 3 only: paragraph 2's page break moved, and that is no change.
    assert body.count('<ins class="diff-added">') == 1


def test_parse_of_a_folder_prints_one_record_per_cable_with_its_versions(tmp_path: Path) -> None:
    shutil.copy(EARLIER, tmp_path / "a.txt")
    shutil.copy(LATER, tmp_path / "b.txt")
    shutil.copy(EARLIER, tmp_path / "c.txt")
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["versions"] == 2 and record["source"].endswith("b.txt")
    single = CliRunner().invoke(main, ["parse", str(EARLIER), "--json"])
    assert json.loads(single.stdout)["versions"] == 1


@pytest.mark.slow
def test_dev_corpus_with_its_variants_shows_versions_of_every_varied_cable(
    dev_corpus: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    copy_repo_content(content)
    (content / "cables" / "dev").mkdir(parents=True)
    for path in sorted(dev_corpus.glob("*.txt")):
        shutil.copy(path, content / "cables" / "dev" / path.name)
    shutil.copytree(DEV_VARIANTS, content / "cables" / "variants", ignore=_not_text)
    built = run_build(tmp_path, content, search=False)
    assert built.returncode == 0, built.stderr
    assert not built.report["skipped"]
    varied = _varied(content / "cables")
    assert varied, "no variant differs from its dev cable in its paragraphs"
    for cid, texts in varied.items():
        (record,) = built.output.glob(f"cable/*/*/{cid}.json")
        assert json.loads(record.read_text("utf-8"))["versions"] == texts, cid
        diffs = list(record.with_suffix("").glob("v*-v*.html"))
        assert diffs, f"{cid} has no diff page"
    assert built.report["versions"] == built.report["cables"] + sum(n - 1 for n in varied.values())


def _not_text(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if not n.endswith(".txt")]


def _varied(cables: Path) -> dict[str, int]:
    """Cable ID -> distinct paragraph texts, for the cables with more than one."""
    keys: dict[str, set[str]] = {}
    for path in sorted(cables.rglob("*.txt")):
        cable = parsed(path)
        keys.setdefault(cable.id, set()).add(link.text_key(cable))
    return {cid: len(k) for cid, k in keys.items() if len(k) > 1}


def _texts(*words: int) -> CableMeta:
    """The cable folded from one input per count, each a text of that many words."""
    metas = [
        link.meta(
            replace(
                parsed(EARLIER),
                source_path=f"{n}.txt",
                paragraphs=(Paragraph(None, None, "text", "word " * n),),
            )
        )
        for n in words
    ]
    return functools.reduce(versions.merge, metas)


def test_every_pair_gets_a_diff_page_up_to_four_versions_then_each_against_the_shown() -> None:
    three = _texts(3, 1, 2)
    assert site_versions.pairs(three) == [(0, 1), (0, 2), (1, 2)]
    assert three.source_path == "3.txt" and site_versions.shown_index(three) == 2
    assert [f for f in site_versions.files(three) if f.endswith("-v3.html")] == [
        "cable/2009/12/09ASTANA3001/v1-v3.html",
        "cable/2009/12/09ASTANA3001/v2-v3.html",
    ]
    five = _texts(5, 2, 3, 4, 1)
    assert site_versions.pairs(five) == [(0, 4), (1, 4), (2, 4), (3, 4)]
