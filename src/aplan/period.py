"""Reporting periods: which quarters a round covers, what it is called, and text naming a round.

The round's Thai name is made here and nowhere else, so every place the report prints it
(cover, title, headings, captions, contents) follows ``--period``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import get_args

from .models import PeriodCode, Quarter, YearMonth

QUARTER_MONTHS = {"q1": (10, 12), "q2": (1, 3), "q3": (4, 6), "q4": (7, 9)}
PERIOD_CODES: tuple[PeriodCode, ...] = get_args(PeriodCode)
ANNUAL_NAME = "ประจำปี"


@dataclass(frozen=True)
class Period:
    """A round. ``annual``: the fy report calls itself the annual report (ประจำปี)."""

    code: PeriodCode
    quarters: tuple[Quarter, ...]
    annual: bool = False

    @property
    def months(self) -> int:
        return 3 * len(self.quarters)

    def label(self) -> str:
        """รอบ 6 เดือน, ไตรมาสที่ 2 or ประจำปี (Arabic digits; the printer converts)."""
        if len(self.quarters) == 1:
            return quarter_label(self.quarters[0])
        if self.annual and self.code == "fy":
            return ANNUAL_NAME
        return f"รอบ {self.months} เดือน"

    def first_month(self, fiscal_year: int) -> YearMonth:
        return _month(fiscal_year, self.quarters[0], first=True)

    def last_month(self, fiscal_year: int) -> YearMonth:
        return _month(fiscal_year, self.quarters[-1], first=False)

    def names_other_round(self, mention: RoundMention) -> bool:
        """Whether text names another round: another รอบ N เดือน, or a quarter before this round.

        A later quarter is a plan (จะดำเนินการในไตรมาสที่ 3) and may be named; an earlier one,
        or another round's length, means the text was written for that round.
        """
        if mention.months is not None:
            return len(self.quarters) == 1 or mention.months != self.months
        first = int(self.quarters[0][1])
        return any(n < first for n in mention.quarters)


def quarter_label(quarter: Quarter) -> str:
    return f"ไตรมาสที่ {quarter[1]}"


def _month(fiscal_year: int, quarter: Quarter, *, first: bool) -> YearMonth:
    start, end = QUARTER_MONTHS[quarter]
    month = start if first else end
    return YearMonth(fiscal_year - 1 if month >= 10 else fiscal_year, month)


PERIODS: dict[PeriodCode, Period] = {
    "q1": Period("q1", ("q1",)),
    "q2": Period("q2", ("q2",)),
    "q3": Period("q3", ("q3",)),
    "q4": Period("q4", ("q4",)),
    "h1": Period("h1", ("q1", "q2")),
    "m9": Period("m9", ("q1", "q2", "q3")),
    "fy": Period("fy", ("q1", "q2", "q3", "q4")),
}


@dataclass(frozen=True)
class RoundMention:
    """A round named in free text: ``รอบ 6 เดือน`` (months) or ``ไตรมาสที่ 1 และ 2`` (quarters)."""

    start: int
    text: str
    months: int | None
    quarters: tuple[int, ...]


_DIGIT = "[0-9๐-๙]"
_ROUND = re.compile(rf"รอบ\s*({_DIGIT}+)\s*เดือน")
_QUARTERS = re.compile(
    rf"ไตรมาส(?:ที่)?\s*({_DIGIT}+(?:\s*(?:,|และ|-|–|ถึง)\s*{_DIGIT}+)*)"
)
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def round_mentions(text: str) -> Iterator[RoundMention]:
    """Every round a text names, in Thai or Arabic digits, in order."""
    found = [
        RoundMention(m.start(), m.group(0), int(m.group(1).translate(_ARABIC)), ())
        for m in _ROUND.finditer(text)
    ]
    for m in _QUARTERS.finditer(text):
        numbers = tuple(int(n.translate(_ARABIC)) for n in re.findall(_DIGIT + "+", m.group(1)))
        found.append(RoundMention(m.start(), m.group(0), None, numbers))
    yield from sorted(found, key=lambda mention: mention.start)
