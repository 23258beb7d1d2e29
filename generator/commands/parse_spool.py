"""`cablegen parse DIR`: one record per cable, its versions counted.

A folder (or a cables.csv) may hold one cable several times: as a text file and
a release page, or as texts published at different times. As in a build, those
inputs are one cable (generator.corpus.versions): the record printed is the
fullest text's, with "versions" saying how many distinct texts were read.

Records are spooled to a temporary file as they are parsed and printed once
every input is read, in the order each cable was first met: what stays in
memory is a few numbers per cable, never the records, so parsing a 1.7 GB
cables.csv does not hold it.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from generator.corpus import link, versions
from generator.model import Cable


@dataclass
class _Best:
    rank: tuple[bool, int, str]
    offset: int
    length: int
    keys: str | set[str]
    """The one text key seen, or the set of them once a second text comes."""


@dataclass
class Spool:
    """Records of the cables parsed so far, the fullest text of each kept."""

    file: IO[bytes] = field(default_factory=lambda: tempfile.TemporaryFile())  # noqa: SIM115
    cables: dict[str, _Best] = field(default_factory=dict)

    def add(self, cable: Cable) -> None:
        """Keep `cable`'s record if it is the fullest text of its ID so far."""
        key = link.text_key(cable)
        words = len(link.paragraph_words(cable))
        rank = versions.rank(cable.partial, words, cable.source_path)
        best = self.cables.get(cable.id)
        if best is not None:
            if isinstance(best.keys, str):
                best.keys = {best.keys}
            best.keys.add(key)
            if rank <= best.rank:
                return
        data = json.dumps(cable.record(), ensure_ascii=False).encode("utf-8")
        self.file.seek(0, 2)
        offset = self.file.tell()
        self.file.write(data)
        if best is None:
            self.cables[cable.id] = _Best(rank, offset, len(data), key)
        else:
            best.rank, best.offset, best.length = rank, offset, len(data)

    def records(self) -> Iterator[dict[str, Any]]:
        """Each cable's record, with "versions", in the order the cables were first met."""
        try:
            for best in self.cables.values():
                self.file.seek(best.offset)
                record = json.loads(self.file.read(best.length))
                record["versions"] = 1 if isinstance(best.keys, str) else len(best.keys)
                yield record
        finally:
            self.file.close()
