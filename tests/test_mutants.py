"""Targeted tests that kill mutants (``make mutmut``): each pins one behaviour of a pure module
that the other tests reached only through the real data, or not at all."""

from __future__ import annotations

import pytest

from aplan.sources import parse


@pytest.mark.parametrize(("text", "value"), [("true", True), ("True", True), ("TRUE", True),
                                             ("false", False), ("False", False), ("FALSE", False)])
def test_yaml_booleans_in_every_spelling(text: str, value: bool) -> None:
    doc, problems = parse(f"a: {text}\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data["a"] is value
