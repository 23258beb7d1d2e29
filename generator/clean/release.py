"""The release's metadata against the cable's own text: fill gaps, record differences.

A page or a cables.csv row carries metadata beside the text. The text wins
wherever both speak; the metadata fills only what the text lacks (the date of
a partial extract without a date-time group, the release date, references the
REF lines do not give). Where they differ, the difference is recorded. The
ID, the classification in published words, the origin post and the date to
the day are compared; not the minutes, which the release has off by a few.
"""

from __future__ import annotations

from generator.clean.draft import Draft
from generator.clean.ids import station_name
from generator.model import Disagreement, Reference, ReleaseMeta
from generator.parse.raw import evolve

SHOWN = ("id", "classification")
"""Disagreements the cable page states; the others stay in the record."""


def weigh_release(draft: Draft) -> Draft:
    """Fill created, released and references from the release metadata; list disagreements."""
    meta = draft.raw.source.release
    created_source = "dtg" if draft.created else None
    if meta is None:
        return evolve(draft, created_source=created_source)
    created = draft.created
    if created is None and meta.created is not None:
        created, created_source = meta.created, "metadata"
    return evolve(
        draft,
        created=created,
        created_source=created_source,
        released=meta.released,
        references=draft.references + _added_references(draft, meta),
        disagreements=_disagreements(draft, meta),
    )


def _added_references(draft: Draft, meta: ReleaseMeta) -> tuple[Reference, ...]:
    """The references column's IDs that no REF line gives, marked as the metadata's."""
    known = {r.id for r in draft.references}
    added = []
    for cable_id in meta.references:
        if cable_id not in known and cable_id != draft.id:
            known.add(cable_id)
            added.append(Reference(None, cable_id, cable_id, source="metadata"))
    return tuple(added)


def _disagreements(draft: Draft, meta: ReleaseMeta) -> tuple[Disagreement, ...]:
    found = []
    if meta.id and meta.id.upper() != draft.id:
        found.append(Disagreement("id", draft.id, meta.id))
    if meta.classification and meta.classification.upper() != draft.classification:
        found.append(Disagreement("classification", draft.classification, meta.classification))
    post = _post(meta.origin)
    if post is not None and post != draft.origin:
        found.append(Disagreement("origin", draft.origin, meta.origin))
    if draft.created and meta.created and draft.created[:10] != meta.created[:10]:
        found.append(Disagreement("date", draft.created[:10], meta.created[:10]))
    return tuple(found)


def _post(origin: str) -> str | None:
    """The post a published origin names ("Embassy Paris" -> PARIS), None if not known."""
    words = origin.upper().split()
    for start in range(len(words)):
        post = station_name(" ".join(words[start:]))
        if post:
            return post
    return None
