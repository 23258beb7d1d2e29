"""Indented JSON as json.dumps writes it, without leaving its C encoder.

json.dumps switches to a pure-Python encoder whenever it indents; for the
record written beside every cable page (indent 2) and the page's schema.org
block (indent 1), that encoder cost more than drawing the page. Scalars still
go through json.dumps, so strings, numbers and escapes come out the same.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # type: ignore[attr-defined]


def dumps(value: object, indent: int, sort_keys: bool = False, margin: str = "\n") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)`.

    For documents whose keys are strings (as every document here is).
    """
    if isinstance(value, str):
        return str(encode_basestring(value))
    if isinstance(value, dict) and value:
        inner = margin + " " * indent
        items = sorted(value.items()) if sort_keys else value.items()
        body = ("," + inner).join(
            f"{encode_basestring(k)}: {dumps(v, indent, sort_keys, inner)}" for k, v in items
        )
        return "{" + inner + body + margin + "}"
    if isinstance(value, list | tuple) and value:
        inner = margin + " " * indent
        parts = (dumps(v, indent, sort_keys, inner) for v in value)
        return "[" + inner + ("," + inner).join(parts) + margin + "]"
    return json.dumps(value, ensure_ascii=False)
