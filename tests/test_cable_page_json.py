"""The cable page's JSON-LD text is what json.dumps(indent=1, sort_keys=True) writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cable_page import json_text

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
    assert json_text(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


def test_json_text_of_a_schema_document() -> None:
    doc = {"b": ["x", "</script>"], "a": {"@type": "T", "n": 1.5}, "c": [], "d": {}, "e": None}
    assert json_text(doc) == json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1)
