"""Thai presentation: digits, month names, Buddhist-Era dates and Thai-letter numbering."""

from __future__ import annotations

import re
from decimal import Decimal

from .models import YearMonth

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
# Letters used to number front-matter pages and table-1 categories, as Thai documents do:
# the letters that look alike or are obsolete (ฃ ฅ) are skipped.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"

# A token with a Latin letter (chanarea2, e-MES, CO2) keeps its digits as typed.
_ARABIC_DIGIT = re.compile(r"[0-9]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


class Digits:
    """Converts digits for print, by the report's ``digits`` setting."""

    def __init__(self, style: str = "thai") -> None:
        self.thai = style == "thai"

    def __call__(self, text: str) -> str:
        """Digits of ``text`` in the report's style; digits inside Latin words stay Arabic."""
        if not self.thai or _ARABIC_DIGIT.search(text) is None:
            return text
        pieces: list[str] = []
        last = 0
        for match in _LATIN_TOKEN.finditer(text):
            pieces.append(text[last : match.start()].translate(_TO_THAI))
            pieces.append(match.group())
            last = match.end()
        pieces.append(text[last:].translate(_TO_THAI))
        return "".join(pieces)

    def number(self, value: int | Decimal, places: int = 0) -> str:
        """Grouped number: 1,121,990 or 1,121,990.00 in the report's digits."""
        return self(f"{value:,.{places}f}")

    def money(self, amount: Decimal) -> str:
        return self.number(amount, 2)

    def month_year(self, month: YearMonth) -> str:
        return self(f"{MONTHS[month.month - 1]} {month.year}")


def thai_letter(n: int) -> str:
    """1 → ก, 2 → ข, …: the numbering of front matter and lettered lists."""
    return THAI_LETTERS[(n - 1) % len(THAI_LETTERS)]
