"""``words.yaml``: words of the office's own that no line may break inside (optional)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from .base import Model

WORD_LIMIT = 40
_THAI = re.compile(r"[\u0e01-\u0e4e]")


def _one_word(value: str) -> str:
    if not value or value != value.strip() or any(c.isspace() for c in value):
        raise ValueError(
            f"a word is written without spaces, got {value!r}; "
            "list each part on its own line, such as `- พิริยะกิตติการ`"
        )
    if len(value) > WORD_LIMIT:
        raise ValueError(
            f"a word has at most {WORD_LIMIT} letters, got {len(value)} in {value!r}; "
            "list the words of a phrase on lines of their own"
        )
    if not _THAI.search(value):
        raise ValueError(
            f"only Thai words need listing, got {value!r}: other words break only at spaces"
        )
    return value


Word = Annotated[str, AfterValidator(_one_word)]


class Words(Model):
    """Names and terms the dictionary lacks, kept whole when lines break."""

    words: list[Word] = Field(min_length=1, description="One word a line, e.g. พิริยะกิตติการ")
