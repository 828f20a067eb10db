"""One Jinja environment for the report: Typst-friendly delimiters and formatting filters.

Delimiters are ``<< >>``, ``<% %>`` and ``<# #>``: Typst's own ``{ } [ ] #`` stay free. Every
value reaches the page through a filter that escapes it (``t`` in markup, ``s`` in code) and
prints its digits in the report's style; templates have no other way to emit data. With a
``Breaker``, printed text and the templates' own Thai carry aplan's line breaks
(``linebreak``); ``plain`` gives the exact text, for PDF metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
from jinja2.lexer import Token, TokenStream

from ..models import YearMonth
from ..thai import Digits
from .linebreak import Breaker
from .links import linked_markup
from .typst_text import markup, string_literal


def environment(
    templates: Path | list[Path], digits: Digits, breaker: Breaker | None = None
) -> jinja2.Environment:
    """``templates`` is one folder or a search path, the first folder holding a name wins."""
    steer: Callable[[str], str] = breaker.steer if breaker else _same
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        block_start_string="<%",
        block_end_string="%>",
        variable_start_string="<<",
        variable_end_string=">>",
        comment_start_string="<#",
        comment_end_string="#>",
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[_TemplateText] if breaker else [],
    )
    if breaker:
        env.extend(breaker=breaker)
    env.filters.update(
        t=lambda value: linked_markup(_text(value), lambda text: markup(steer(digits(text)))),
        s=lambda value: string_literal(steer(digits(_text(value)))),
        plain=lambda value: string_literal(digits(_text(value))),
        lit=lambda value: markup(steer(_text(value))),
        path=lambda value: string_literal(str(value)),
        num=lambda value: markup(digits.number(value)),
        baht=lambda value: markup(digits.money(Decimal(value))),
        money_s=lambda value: string_literal(digits.money(value)),
        amount_s=lambda value, places=None: string_literal(_amount(digits, value, places)),
        pct=lambda value: markup(digits.number(value, 2)),
        pct_s=lambda value: string_literal(digits.number(value, 2)),
        num_s=lambda value: string_literal(digits.number(value)),
        month=lambda value: markup(steer(digits.month_year(value))),
        ratio=_ratio,
    )
    return env


class _TemplateText(jinja2.ext.Extension):
    """The templates' own Thai (headings, phrases) gets aplan's line breaks too."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        breaker: Breaker = self.environment.breaker  # type: ignore[attr-defined]
        for token in stream:
            if token.type == "data":
                token = Token(token.lineno, "data", breaker.steer_markup(token.value))
            yield token


def _same(text: str) -> str:
    return text


def _text(value: Any) -> str:
    if isinstance(value, YearMonth):
        raise TypeError("format months with the `month` filter")
    return str(value)


def _amount(digits: Digits, value: Decimal, places: int | None = None) -> str:
    """Table figures: whole baht without satang, as the office prints its plans.

    A column passes the places the view computed for it, so all its figures print alike.
    """
    if places is None:
        places = 0 if value == value.to_integral_value() else 2
    return digits.number(value, places)


def _ratio(value: Decimal, maximum: Decimal) -> str:
    """A bar's length as a fraction of the longest, for the chart."""
    if not maximum:
        return "0"
    return f"{float(value / maximum):.4f}"
