"""Reporting periods: which quarters a round covers and what its title says."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Quarter, YearMonth

QUARTER_MONTHS = {"q1": (10, 12), "q2": (1, 3), "q3": (4, 6), "q4": (7, 9)}


@dataclass(frozen=True)
class Period:
    code: str
    quarters: tuple[Quarter, ...]

    @property
    def months(self) -> int:
        return 3 * len(self.quarters)

    def label(self) -> str:
        """รอบ 6 เดือน or ไตรมาสที่ 2 (Arabic digits; the printer converts)."""
        if len(self.quarters) == 1:
            return f"ไตรมาสที่ {self.quarters[0][1]}"
        return f"รอบ {self.months} เดือน"

    def first_month(self, fiscal_year: int) -> YearMonth:
        return _month(fiscal_year, self.quarters[0], first=True)

    def last_month(self, fiscal_year: int) -> YearMonth:
        return _month(fiscal_year, self.quarters[-1], first=False)


def _month(fiscal_year: int, quarter: Quarter, *, first: bool) -> YearMonth:
    start, end = QUARTER_MONTHS[quarter]
    month = start if first else end
    return YearMonth(fiscal_year - 1 if month >= 10 else fiscal_year, month)


PERIODS: dict[str, Period] = {
    "q1": Period("q1", ("q1",)),
    "q2": Period("q2", ("q2",)),
    "q3": Period("q3", ("q3",)),
    "q4": Period("q4", ("q4",)),
    "h1": Period("h1", ("q1", "q2")),
    "m9": Period("m9", ("q1", "q2", "q3")),
    "fy": Period("fy", ("q1", "q2", "q3", "q4")),
}
