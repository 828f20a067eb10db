"""Web addresses in the data: printed as links, without the ``<>`` an officer may type round them.

``<http://…>`` is how an address is set off in running text (the source report does so); the
brackets delimit it and are not printed. A bare ``http(s)://…`` or ``www.…`` address is a link
as well; a full stop, comma or closing bracket right after it ends the sentence, not the
address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .typst_text import markup, string_literal

_START = r"(?:https?://|www\.)"
_CHAR = "[!-;=?-~]"  # printable ASCII but < and >: Thai after an address is not part of it
_URL = re.compile(rf"<({_START}{_CHAR}+)>|({_START}{_CHAR}*[^\s<>.,;:!?'\")\]\u0080-\uffff])")


def segments(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is an address, piece) pairs in order; an address without its brackets."""
    pieces: list[tuple[bool, str]] = []
    last = 0
    for match in _URL.finditer(text):
        if match.start() > last:
            pieces.append((False, text[last : match.start()]))
        pieces.append((True, match.group(1) or match.group(2)))
        last = match.end()
    if last < len(text) or not pieces:
        pieces.append((False, text[last:]))
    return pieces


def linked_markup(text: str, plain: Callable[[str], str]) -> str:
    """Markup printing ``text``: addresses as links to themselves (their digits as typed), the
    rest through ``plain``. The trailing ``;`` ends the link's call, as in ``markup``."""
    return "".join(
        f"#link({string_literal(_target(piece))})[{markup(piece)}];" if is_url else plain(piece)
        for is_url, piece in segments(text)
    )


def _target(address: str) -> str:
    """Where a link goes: ``www.…`` typed without its scheme opens as ``http://www.…``."""
    return address if "://" in address else f"http://{address}"


def printed_text(text: str, digits: Callable[[str], str]) -> str:
    """The text as the report prints it: addresses without brackets, digits in the rest."""
    return "".join(piece if is_url else digits(piece) for is_url, piece in segments(text))
