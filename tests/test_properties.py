"""Property-based: mutated copies of valid data trees never crash `validate`, and whatever it
accepts, `build` builds.

A mutation deletes, duplicates or retypes a part of one source file, puts Unicode oddities in a
text, a huge or tiny number in place of a value, or nests a value deep. The example counts are
modest for CI; ``APLAN_HYPOTHESIS_EXAMPLES=500`` runs more (build examples are a tenth of it).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aplan.build import build_pdf
from aplan.cli import app
from aplan.period import PERIODS
from aplan.problems import Severity
from aplan.sources import load
from aplan.validate import validate

from .conftest import DATA, REPO

MINIMAL = REPO / "tests" / "data" / "minimal"
EXAMPLES = int(os.environ.get("APLAN_HYPOTHESIS_EXAMPLES", "40"))
BUILDS = max(3, EXAMPLES // 10)
MAX_DEPTH = int(os.environ.get("APLAN_HYPOTHESIS_DEPTH", "60"))
"""Nesting beyond what a person types; the loader's own bound is tested in tests/bad."""

ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\u200b\u200d\u202e\u2066\ufeff\u00ad\u0e31\u0e47\u0301 \t\n")),
        st.sampled_from(list("аеоΑΒο😀✓\u3000#*_$@<>[]{}\\\"'")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25),
    st.sampled_from([0, -1, 10**20, Decimal("0.001"), Decimal("1e-20"), Decimal("99999999.99")]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**12),
)
ANY_VALUE = st.one_of(
    ODD_TEXT, NUMBERS, st.booleans(), st.none(), st.just([]), st.just({}),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                         max_size=2),
)


class _Dumper(yaml.SafeDumper):
    """Dump what aplan's loader reads back: decimals as plain numbers."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a tree, the root included."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _nodes(item, (*path, i))
    return found


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


KINDS = ("delete", "duplicate", "swap", "odd", "number", "deep")


@st.composite
def mutation(draw: st.DrawFn, tree: Any, kinds: tuple[str, ...] = KINDS) -> Any:
    """One mutation of ``tree`` (changed in place): delete, duplicate, retype, odd, deep."""
    paths = _nodes(tree)
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(kinds))
    if not path:
        return draw(ANY_VALUE) if kind == "swap" else tree
    parent, last = _get(tree, path[:-1]), path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "duplicate":
        copy = json.loads(json.dumps(parent[last], default=str))
        if isinstance(parent, list):
            parent.insert(last, copy)
        else:
            parent[f"{last}_copy" if draw(st.booleans()) else last] = copy
    elif kind == "swap":
        parent[last] = draw(ANY_VALUE)
    elif kind == "odd":
        current = parent[last]
        odd = draw(ODD_TEXT)
        parent[last] = (current + odd) if isinstance(current, str) else odd
    elif kind == "number":
        parent[last] = draw(NUMBERS)
    else:
        value = parent[last]
        for _ in range(draw(st.integers(min_value=1, max_value=MAX_DEPTH))):
            value = [value] if draw(st.booleans()) else {"x": value}
        parent[last] = value
    return tree


BASES = {"minimal": MINIMAL, "2567": DATA}


def _files(base: Path) -> list[str]:
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.yaml"))


@st.composite
def mutated_tree(
    draw: st.DrawFn, bases: tuple[str, ...] = ("minimal", "2567"), kinds: tuple[str, ...] = KINDS
) -> tuple[str, dict[str, Any]]:
    """A base tree's name and the texts of the files a mutation changed."""
    base = BASES[draw(st.sampled_from(bases))]
    changed: dict[str, Any] = {}
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(st.sampled_from(_files(base)))
        if name not in changed:
            doc, _ = load(base / name)
            assert doc is not None
            changed[name] = doc.data
        changed[name] = draw(mutation(changed[name], kinds))
    return str(base), changed


def _write(base: str, changed: dict[str, Any], folder: Path) -> Path:
    root = folder / "data"
    shutil.copytree(base, root)
    for name, tree in changed.items():
        text = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (root / name).write_text(text, encoding="utf-8")
    return root


RUNNER = CliRunner()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tree())
def test_validate_never_crashes_and_places_every_problem(case: tuple[str, dict[str, Any]]) -> None:
    base, changed = case
    with tempfile.TemporaryDirectory() as folder:
        root = _write(base, changed, Path(folder))
        result = RUNNER.invoke(app, ["validate", "--data", str(root), "--format", "json"])
        assert result.exit_code in (0, 1), (result.output, result.exception)
        problems = json.loads(result.stdout)
        assert bool(result.exit_code) == any(p["severity"] == "error" for p in problems)
        for problem in problems:
            assert problem["file"].startswith(str(root)), problem
            assert problem["line"] >= 1 and problem["column"] >= 1, problem
            assert problem["message"] and problem["code"], problem


BUILT: list[bool] = []


@settings(max_examples=BUILDS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tree(bases=("minimal",), kinds=("odd", "duplicate")))
@example((str(MINIMAL), {"report.yaml": {
    "fiscal_year": 2567, "title": "รายงาน\u200bการกำกับ #set text(red) $x$ <a> @b",
    "plan": "แผน ั ็ é", "preface": ["คำนำ", "คำนำ"],
}}))
def test_what_validate_accepts_builds(case: tuple[str, dict[str, Any]]) -> None:
    """Text oddities and copies of parts are what validate most often accepts: they build."""
    base, changed = case
    with tempfile.TemporaryDirectory() as folder:
        root = _write(base, changed, Path(folder))
        _, problems = validate(root)
        if any(p.severity is Severity.ERROR for p in problems):
            return
        output = Path(folder) / "report.pdf"
        outcome = build_pdf(root, PERIODS["h1"], output)
        assert [p.human() for p in outcome.problems if p.severity is Severity.ERROR] == []
        assert outcome.pdf is not None and output.read_bytes() == outcome.pdf
        BUILT.append(True)


def test_some_mutated_trees_were_built() -> None:
    """Runs after the property above (file order): it must have built, not only skipped."""
    assert BUILT
