"""Every dev cable parses, and its fields agree with the published metadata.

The metadata is not always right. Each disagreement the parser keeps is listed
in SOURCE_WRONG with the reason the source is wrong; everything else must agree.
Run `python -m tests.corpus_fields DIR` to print the per-field table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import cable_from_source
from generator.source import read
from tests.corpus_fields import FIELDS, agreement, table

# file stem -> {field: why the metadata (or the archive's text) is wrong}
SOURCE_WRONG: dict[str, dict[str, str]] = {
    # Archive records whose text is another cable under this cable's header: the
    # metadata describes the header's cable (07PARIS2725 holds 07MOSCOW5154's text,
    # 10MEXICO614 holds 10ISLAMABAD416's). The parser files them under the header.
    "07PARIS2725": {
        "classification": "metadata is the header's ZNY CCCCC; the text is a SECRET Moscow cable",
        "tags": "metadata lists the Paris cable's TAGS; the text carries the Moscow cable's",
    },
    "10MEXICO614": {
        "classification": "metadata is the Mexico header's; the text is a SECRET Islamabad cable",
    },
    # Classification labels that contradict the cable's own caption.
    "06SEOUL2238": {"classification": "metadata adds //NOFORN; no NOFORN anywhere in the text"},
    "08RABAT727": {"classification": "caption and ZNY CCCCC say CONFIDENTIAL; metadata SECRET"},
    "09MEXICO3061": {"classification": "NOFORN caption line; metadata omits //NOFORN"},
    "09STATE81957": {"classification": "NOFORN caption line; metadata omits //NOFORN"},
    # The metadata reads only the first line of a TAGS field that wraps.
    "08BOGOTA683": {"tags": "TAGS wraps: 'VZ, CO' on the next line is missing"},
    "09LONDON2198": {"tags": "TAGS wraps: 'RS, SL, UK' on the next line is missing"},
    "09MADRID392": {"tags": "TAGS wraps: the second line's codes are missing"},
    "09MADRID440": {"tags": "TAGS wraps: the second line's codes are missing"},
    "09MOSCOW405": {"tags": "TAGS wraps: 'IR, RS' on the next line is missing"},
    "10SANAA221": {"tags": "TAGS wraps: 'ABLD, SA, UK, YM' on the next line is missing"},
    "09DOHA214": {"tags": "TAGS wraps: 'KCIP, ENRG, QA' are missing"},
    "09BEIJING2965": {
        "tags": "TAGS wraps ('CH, KN, KS' missing) and the person tag loses its 'B.'",
    },
    # The metadata ran the next fields into the subject.
    "09BRASILIA1383": {"subject": "metadata subject includes the Classified By and REFTELS text"},
}


@pytest.fixture(scope="module")
def results(dev_corpus: Path) -> dict[str, dict[str, bool | None]]:
    found = agreement(dev_corpus)
    print("\n" + table(found))
    return found


def test_every_dev_cable_parses(dev_corpus: Path) -> None:
    refused = []
    for path in sorted(dev_corpus.glob("*.txt")):
        outcome = cable_from_source(read.read_file(path))
        if outcome.cable is None:
            refused.append(f"{path.name}: {outcome.diagnostics}")
    assert refused == []


@pytest.mark.parametrize("field", FIELDS)
def test_field_agrees_except_where_the_source_is_wrong(
    results: dict[str, dict[str, bool | None]], field: str
) -> None:
    disagree = {stem for stem, fields in results.items() if fields[field] is False}
    expected = {stem for stem, why in SOURCE_WRONG.items() if field in why}
    assert disagree == expected


def test_created_is_compared_for_every_cable_with_a_date_time_group(
    results: dict[str, dict[str, bool | None]], dev_corpus: Path
) -> None:
    skipped = [stem for stem, fields in results.items() if fields["created"] is None]
    for stem in skipped:
        assert "partial extract" in (dev_corpus / f"{stem}.txt").read_text("utf-8")
    assert len(skipped) <= 19
