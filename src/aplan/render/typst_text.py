"""User text into Typst source, always as string literals: it can never become markup or code.

Typst prints a string literal verbatim, whatever it holds (``# * _ $ @ < > [ ] //`` included).
In markup the literal is written ``#"…";``: the semicolon ends the expression, so a following
``.x``, ``(`` or ``[`` from the template cannot call a method or function on the text.
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r'[\\"\n\r\t]')
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
)


def string_literal(text: str) -> str:
    """A Typst string literal (code mode) that evaluates to exactly ``text``."""
    if _ESCAPED.search(text) is None:  # most text: translate is slow on Thai
        return '"' + text + '"'
    return '"' + text.translate(_ESCAPES) + '"'


def markup(text: str) -> str:
    """Markup that prints exactly ``text``."""
    return f"#{string_literal(text)};"
