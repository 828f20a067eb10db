"""The repair's skip pattern changes nothing: streams patch the same with and without it.

The pattern steps over plain runs in one match (render/pdftext.py, _skip_pattern); these
streams mix them with everything that must stop it (split-off marks, nikhahit, SARA AM across
runs, headers, /ActualText spans, spellings it does not read, look-alike bytes).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aplan.render import pdftext
from aplan.render.pdftext import _FontFix, _patch

KO, AA, NIKHAHIT, MAI_THO, SARA_I = "ก", "\u0e32", "\u0e4d", "\u0e49", "\u0e34"
TEXT = {1: KO, 2: AA, 3: NIKHAHIT, 4: MAI_THO, 5: SARA_I, 6: "x", 8: "ข", 40: "ค", 92: "ง"}
BOLD = {1: AA, 2: KO, 9: MAI_THO, 10: "ค", 41: NIKHAHIT}


def spell(code: int, how: int) -> bytes:
    """A two-byte code as a literal string body, in one of several spellings."""
    high, low = divmod(code, 256)
    out = b""
    for i, value in enumerate((high, low)):
        choice = (how >> i) % 4
        if value in b"()\\":
            out += b"\\" + bytes([value]) if choice else b"\\%03o" % value
        elif choice == 0 or (value < 32 and choice == 1):
            out += b"\\%03o" % value
        elif choice == 1 and value in b"\n\r\t\b\f":
            out += b"\\" + {10: b"n", 13: b"r", 9: b"t", 8: b"b", 12: b"f"}[value]
        elif choice == 2 and value < 64:
            out += b"\\%o" % value  # short octal: the skip does not read it
        else:
            out += bytes([value])
    return out


# Syllables in either font: plain, with SARA AM's halves (nikhahit, aa), with a tone mark,
# halves and marks alone; codes whose spellings the skip must read or refuse.
syllables = st.sampled_from(
    [(1,), (8, 40), (1, 3, 2), (8, 4), (3,), (2,), (4,), (1, 3), (10, 41, 1), (41,), (6, 5),
     (92, 0x2800), (2, 9)]
)
strings = st.lists(st.tuples(syllables, st.integers(0, 15)), max_size=3).map(
    lambda items: b"(" + b"".join(spell(c, h) for s, h in items for c in s) + b")"
)
runs = st.one_of(
    strings.map(lambda s: s + b"Tj"),
    st.lists(st.one_of(strings, st.sampled_from([b"-9", b"12", b" 5 "])), max_size=4).map(
        lambda items: b"[" + b" ".join(items) + b"]TJ"
    ),
    st.just(b"<00030002>Tj"),
)
fonts = st.sampled_from([b"/f0 11 Tf", b"/f1 16 Tf", b"/f9 11 Tf", b"/f0 20 Tf"])
operators = st.sampled_from(
    [b"BT", b"ET", b"q 1 0 0 -1 5 5 cm/c0 cs 0 scn", b"Q", b"0 Tr", b"/DEMC 1 0 0 RG", b"/f0 11 Tf"]
)
spans = st.sampled_from(
    [
        b"/Span<</MCID 3>>BDC",
        b"/Artifact<</Type/Pagination/Subtype/Header>>BDC",
        b"/Span<</ActualText(ok)>>BDC",
        b"/Artifact BMC",
    ]
)
pieces = st.recursive(
    st.one_of(
        st.tuples(fonts, runs).map(lambda p: p[0] + b" 1 0 0 -1 5 0 Tm" + p[1]),
        st.tuples(fonts, runs).map(
            lambda p: b"/Span<</ActualText<FEFF0E01>>>BDC 0 Tr" + p[0] + b" 1 0 0 -1 5 0 Tm"
            + p[1] + b"\nEMC"
        ),
        runs,
        operators,
        st.sampled_from([b"EMC", b"%EMC comment", b"/Span<</MCID 4>>BDC"]),  # unbalanced
    ),
    lambda inner: st.tuples(spans, st.lists(inner, max_size=5)).map(
        lambda p: p[0] + b"\n" + b"\n".join(p[1]) + b"\nEMC"
    ),
    max_leaves=16,
)


def both(stream: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    local = {
        b"f0": _FontFix(ok=True, text=TEXT, glyph_count=200),
        b"f1": _FontFix(ok=True, text=BOLD, glyph_count=50),
    }
    with_skip = _patch(stream, local, {})
    local = {
        b"f0": _FontFix(ok=True, text=TEXT, glyph_count=200),
        b"f1": _FontFix(ok=True, text=BOLD, glyph_count=50),
    }
    with monkeypatch.context() as patched:
        never = re.compile(b"(?!)")
        patched.setattr(pdftext, "_skip_pattern", lambda fonts: (never, []))
        without = _patch(stream, local, {})
    return with_skip, without


@settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=8).map(lambda p: b"\n".join(p)))
def test_the_skip_changes_no_patch(stream: bytes) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        with_skip, without = both(stream, monkeypatch)
    assert with_skip == without


def test_plain_runs_are_skipped_and_the_rest_patched(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = (
        b"BT 0 Tr/f0 11 Tf 1 0 0 -1 0 0 Tm[(\\000\\001\\000\\010)-9(\\000\\002)]TJ"
        b"/Span<</ActualText<FEFF0E010E49>>>BDC 0 Tr/f0 11 Tf 1 0 0 -1 5 0 Tm"
        b"[(\\000\\001)(\\000\\004)]TJ\nEMC 0 Tr/f0 11 Tf 1 0 0 -1 9 0 Tm(\\000\\004)Tj ET"
    )
    fix = _FontFix(ok=True, text=TEXT, glyph_count=200)
    skip, _ = pdftext._skip_pattern(((b"f0", fix.mark_codes, fix.nikhahit_codes),))
    stepped = skip.match(stream)
    # Both plain runs are stepped over; the split-off tone mark stops the skip.
    assert stepped is not None and stepped.end() == stream.index(b"/f0 11 Tf 1 0 0 -1 9")
    with_skip, without = both(stream, monkeypatch)
    assert with_skip == without
    assert with_skip[0] is not None
    assert b"/Span<</ActualText()>>BDC (\\000\\004)Tj EMC" in with_skip[0]


def test_two_sara_am_in_a_row_become_two_composites() -> None:
    """The second pair's kerning is read up to the first pair's new glyph, not through it."""
    stream = b"BT/f0 11 Tf(\\000\\001\\000\\003\\000\\002\\000\\003\\000\\002)Tj ET"
    font = _FontFix(ok=True, text=TEXT, glyph_count=200)
    assert _patch(stream, {b"f0": font}, {})[0] == b"BT/f0 11 Tf[<000100c800c8>]TJ ET"
