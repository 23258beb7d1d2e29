"""The clean stage: decide what each located part of a cable means.

`clean(raw)` runs the rules below in order over a `Draft`; each fills one
part of the cable and never reads input bytes. Only an ID that cannot be made
canonical raises `InputError` (see `ids`), because the ID becomes a file name.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.clean.classification import decide_classification
from generator.clean.classified_by import decide_classified_by
from generator.clean.continuation import rejoin_numbered_lines
from generator.clean.draft import Draft
from generator.clean.garbled import list_garbled
from generator.clean.handling import decide_handling
from generator.clean.header import decide_header
from generator.clean.ids import decide_identity
from generator.clean.numbering import renumber
from generator.clean.pagebreaks import rejoin_page_breaks
from generator.clean.paragraphs import build_paragraphs
from generator.clean.redactions import count_redactions
from generator.clean.references import decide_references
from generator.clean.release import weigh_release
from generator.clean.scrape import undo_scrape
from generator.clean.section import decide_section
from generator.clean.subject import decide_subject
from generator.clean.tags import decide_tags
from generator.model import Cable
from generator.parse.raw import RawCable

__all__ = ["RULES", "Draft", "clean"]

Rule = Callable[[Draft], Draft]

RULES: tuple[Rule, ...] = (
    decide_header,  # E.O., DECL date, caveats
    decide_section,  # SECTION 01 OF 02, unless the text is whole
    decide_handling,  # distribution lines, whole across line breaks
    decide_identity,  # ID, origin, created, year, precedence (needs the DECL date)
    decide_classification,  # published label (needs the caveats)
    decide_tags,
    decide_subject,
    decide_references,  # REF IDs (needs the year)
    decide_classified_by,
    rejoin_page_breaks,  # body blocks: page lines dropped, cut paragraphs rejoined
    build_paragraphs,  # number as written, portion mark, kind
    rejoin_numbered_lines,  # a line-initial number inside a sentence is not a paragraph
    renumber,  # corrupted ¶ numbers decided by the sequence
    undo_scrape,  # Markdown and stray ¶ out of paragraph text
    count_redactions,
    list_garbled,
    weigh_release,  # the release's metadata: fills gaps, records disagreements
)


def clean(raw: RawCable) -> Cable:
    """The finished cable for what parse located in one file."""
    draft = Draft(raw=raw)
    for rule in RULES:
        draft = rule(draft)
    source = raw.source
    warnings = tuple(str(d) for d in (*source.warnings, *raw.warnings, *draft.notes))
    return Cable(
        id=draft.id,
        source_path=source.path,
        digest=source.digest,
        raw=source.text,
        created=draft.created,
        year=draft.year,
        origin=draft.origin,
        precedence=draft.precedence,
        classification=draft.classification,
        caveats=draft.caveats,
        tags=draft.tags,
        tag_people=draft.tag_people,
        keywords=draft.keywords,
        subject=draft.subject,
        references=draft.references,
        classified_by=draft.classified_by,
        signer=draft.raw.signer,
        partial=raw.partial,
        routing=raw.routing,
        paragraphs=draft.paragraphs,
        redactions=draft.redactions,
        garbled=draft.garbled,
        warnings=warnings,
        eo=draft.eo,
        declassify=draft.declassify,
        handling=draft.handling,
        section=draft.section,
        created_source=draft.created_source,
        released=draft.released,
        disagreements=draft.disagreements,
        extras={"trailer": list(raw.trailer), "encoding": source.encoding},
    )
