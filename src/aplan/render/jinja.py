"""One Jinja environment for the report: Typst-friendly delimiters and formatting filters.

Delimiters are ``<< >>``, ``<% %>`` and ``<# #>``: Typst's own ``{ } [ ] #`` stay free. Every
value reaches the page through a filter that escapes it (``t`` in markup, ``s`` in code) and
prints its digits in the report's style; templates have no other way to emit data. With a
``Breaker``, printed text and the templates' own Thai carry aplan's line breaks
(``linebreak``); ``plain`` gives the exact text, for PDF metadata.

Compiled templates are kept in the user's cache folder (``_bytecode_cache``): compiling the
shipped templates from source takes about 0.06 s of every build. So compiled code must not
depend on the data: the filters that print data (digits, line breaks) run only at render time,
never as Jinja folds constants while compiling (``_at_render``).
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
from jinja2.bccache import Bucket
from jinja2.lexer import Token, TokenStream

from ..models import YearMonth
from ..thai import Digits
from . import usercache
from .linebreak import Breaker, has_thai
from .links import linked_markup
from .typst_text import markup, string_literal


def environment(
    templates: Path | list[Path], digits: Digits, breaker: Breaker | None = None
) -> jinja2.Environment:
    """``templates`` is one folder or a search path, the first folder holding a name wins."""
    steer: Callable[[str], str] = breaker.steer if breaker else _same
    extensions: list[type[jinja2.ext.Extension]] = [_TemplateText] if breaker else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        **_OPTIONS,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        extensions=extensions,
        bytecode_cache=_bytecode_cache(extensions),
    )
    if breaker:
        steered: dict[str, str] = {}

        def steer_markup(text: str) -> str:
            found = steered.get(text)
            if found is None:
                found = steered[text] = breaker.steer_markup(text)
            return found

        env.filters[_STEER_MARKUP] = _at_render(steer_markup)
    filters: dict[str, Callable[..., str]] = dict(
        t=lambda value: linked_markup(_text(value), lambda text: markup(steer(digits(text)))),
        s=lambda value: string_literal(steer(digits(_text(value)))),
        plain=lambda value: string_literal(digits(_text(value))),
        lit=lambda value: markup(steer(_text(value))),
        num=lambda value: markup(digits.number(value)),
        baht=lambda value: markup(digits.money(Decimal(value))),
        money_s=lambda value: string_literal(digits.money(value)),
        amount_s=lambda value, places=None: string_literal(_amount(digits, value, places)),
        pct=lambda value: markup(digits.number(value, 2)),
        pct_s=lambda value: string_literal(digits.number(value, 2)),
        num_s=lambda value: string_literal(digits.number(value)),
        month=lambda value: markup(steer(digits.month_year(value))),
    )
    env.filters.update({name: _at_render(f) for name, f in filters.items()})
    env.filters.update(path=lambda value: string_literal(str(value)), ratio=_ratio)
    return env


_OPTIONS: dict[str, Any] = dict(
    block_start_string="<%",
    block_end_string="%>",
    variable_start_string="<<",
    variable_end_string=">>",
    comment_start_string="<#",
    comment_end_string="#>",
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_STEER_MARKUP = "aplan_steer_markup"


def _at_render(function: Callable[..., str]) -> Callable[..., str]:
    """The filter, run only while rendering: Jinja calls a filter on a constant (``<< "ส่วนที่
    1" | s >>``) as it compiles, unless the filter asks for the render context."""

    @jinja2.pass_context
    def at_render(_context: Any, *args: Any, **kwargs: Any) -> str:
        return function(*args, **kwargs)

    return at_render


class _TemplateText(jinja2.ext.Extension):
    """The templates' own Thai (headings, phrases) gets aplan's line breaks too: each piece
    of template text that holds Thai is printed through the steering filter, as if written
    ``<< "text" | aplan_steer_markup >>``; steered when rendered, so the compiled template
    holds no data's words."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        for token in stream:
            if token.type == "data" and has_thai(token.value):
                line = token.lineno
                yield Token(line, "variable_begin", "<<")
                yield Token(line, "string", token.value)
                yield Token(line, "pipe", "|")
                yield Token(line, "name", _STEER_MARKUP)
                yield Token(line, "variable_end", ">>")
            else:
                yield token


def _bytecode_cache(extensions: list[type[jinja2.ext.Extension]]) -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache folder (``usercache``), or none when it cannot
    be made.

    Jinja finds a template's code by its file's name and checks the source's checksum; the
    file name also carries a digest of how this module compiles (options, extensions, the
    Jinja and Python versions), so a change there never reuses old code.
    """
    folder = usercache.folder("jinja")
    if folder is None:
        return None
    compiled: list[object] = [sorted(_OPTIONS.items()), jinja2.__version__, sys.version]
    for extension in extensions:
        compiled.append(marshal.dumps(extension.filter_stream.__code__))
    digest = hashlib.sha256(repr(compiled).encode()).hexdigest()[:16]
    return _BytecodeCache(str(folder), f"{digest}-%s.cache")


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, but silent: a cache that cannot be read or written only means
    compiling again (``usercache``)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        data = usercache.read(Path(self._get_cache_filename(bucket)))
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except (EOFError, ValueError, TypeError):  # cut short, or not Jinja's
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        usercache.write(Path(self._get_cache_filename(bucket)), bucket.bytecode_to_string())


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
