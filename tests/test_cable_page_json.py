"""Indented JSON (records, JSON-LD) is what json.dumps writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.json_text import dumps

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_json_text_matches_json_dumps(value: object) -> None:
    assert dumps(value, 1, sort_keys=True) == json.dumps(
        value, ensure_ascii=False, sort_keys=True, indent=1
    )
    assert dumps(value, 2) == json.dumps(value, ensure_ascii=False, indent=2)


def test_json_text_of_a_schema_document() -> None:
    doc = {"b": ["x", "</script>"], "a": {"@type": "T", "n": 1.5}, "c": [], "d": {}, "e": None}
    assert dumps(doc, 1, sort_keys=True) == json.dumps(
        doc, ensure_ascii=False, sort_keys=True, indent=1
    )
