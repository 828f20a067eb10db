"""Where Thai text may break across lines: aplan decides, Typst only obeys.

Typst finds Thai line-break opportunities with ICU4X's LSTM model, which breaks inside names,
months and common words ("พฤศจิกาย|น", "สมรรถ|นะ"). aplan segments every Thai run itself and
tells Typst the answer in the text: WORD JOINER (U+2060) between the characters of a word,
ZERO WIDTH SPACE (U+200B) between two words. Both are invisible, and the text-layer repair
(``pdftext``) drops them, so copied text stays the source.

The segmenter is nlpO3 (PyThaiNLP's newmm algorithm in Rust) with PyThaiNLP's word list, plus
the names the data holds and the office's own ``words.yaml``. Measured on the h1 report's text
(4,484 space-separated pieces, 62k characters): nlpO3 segments it in 0.02 s after a 0.1 s
dictionary load; PyThaiNLP's own newmm gives the same words (5 pieces differ, around brackets)
in 0.12 s after a 0.4 s trie build; ICU's dictionary BreakIterator (PyICU, built from source)
is fastest but cuts inside words ("การก|ลุ่ม", "ผลก|ระ|ทบ") and its dictionary cannot take
the office's names. nlpO3 it is.

Beyond words, Thai typesetting keeps some neighbours together: a title with the name it
precedes (นายสมชาย), a place's kind with its name (อำเภอขลุง), "พ.ศ." and "ร้อยละ" with their
number, a number with its unit (๑๒ คน), a day with its month and a month with its year. Across
a space they are held by joiners on both sides of the space, which stays an ordinary space.
Brackets and quotes never break from the word they enclose, and a piece of a word the
dictionary lacks stays with its neighbours.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..dataset import DataSet
from ..thai import MONTHS
from . import usercache

WJ = "\u2060"  # WORD JOINER: no break here
ZWSP = "\u200b"  # ZERO WIDTH SPACE: a break may fall here
STEERING = frozenset(WJ + ZWSP)

# Thai letters, vowels, marks, ฯ and ๆ: the characters Typst's segmenter breaks between
# (Unicode line-break class SA). Thai digits and punctuation are not among them.
_THAI_RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
_MARK = re.compile(r"[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]")
_CLUSTER = re.compile(r".[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]*", re.S)
_DIGIT = re.compile(r"[0-9\u0e50-\u0e59]")

TITLES = frozenset({"นาย", "นาง", "นางสาว", "ดร.", "ดร", "ว่าที่ร้อยตรี", "ว่าที่ร้อยตรีหญิง"})
"""Titles that stay with the name after them."""
PLACES = frozenset({"ตำบล", "อำเภอ", "จังหวัด", "ถนน"})
"""Words that stay with the place name after them (ตำบลตลาด, อำเภอขลุง)."""
_TITLE_PREFIX = re.compile(r"^(?:ว่าที่ร้อยตรีหญิง|ว่าที่ร้อยตรี|นางสาว|นาง|นาย|ดร\.)\s*")
UNITS = frozenset(
    {"บาท", "คน", "ราย", "โรงเรียน", "แห่ง", "ครั้ง", "เรื่อง", "โครงการ", "ชั่วโมง", "วัน",
     "เดือน", "ปี", "ชิ้น", "เล่ม", "ห้อง", "ท่าน", "หน่วย", "กลุ่ม", "อำเภอ", "จังหวัด", "ด้าน",
     "ส่วน", "ข้อ", "ชุด", "เครื่อง", "ระบบ", "หลักสูตร", "รุ่น", "ตำแหน่ง", "อัตรา", "เขต",
     *MONTHS}
)  # fmt: skip
"""Words a number keeps on its line: its unit, or the month of a date."""
NUMBERED = ("พ.ศ.", "ค.ศ.", "ร้อยละ", "ที่", "รอบ", "มาตรา", "เขต", "ปี", "เลขที่", "หมู่", *MONTHS)
"""Words that keep the number after them on their line (พ.ศ. ๒๕๖๗, ร้อยละ ๘๐, ที่ ๓)."""
_OPENING = "([{“‘«"
_CLOSING = ")]}”’»"
_BREAK_AFTER = "/-–"  # a break may follow these between Thai words, as Typst allows
_WORD_LIMIT = 60  # longer "words" in a data word list are a mistake, not a word


@functools.cache
def base_words() -> frozenset[str]:
    """PyThaiNLP's word list (62k words), read from its file without importing PyThaiNLP."""
    return frozenset(_base_text().split())


@functools.cache
def _base_text() -> str:
    return _base_path().read_text(encoding="utf-8")


def _base_path() -> Path:
    spec = importlib.util.find_spec("pythainlp")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "corpus" / "words_th.txt"


@functools.cache
def _dictionary(extra: frozenset[str], base: bool = True) -> str | None:
    """The nlpO3 dictionary holding ``extra`` and, with ``base``, the base list; loaded once
    per process; None when its file cannot be written (nlpO3 reads a dictionary only from a
    file)."""
    import nlpo3

    words = sorted(extra - base_words()) if base else sorted(extra)
    name = ("aplan-" if base else "aplan-only-") + hashlib.sha256(
        "\n".join(words).encode()
    ).hexdigest()[:16]
    if base and not words:
        nlpo3.load_dict(str(_base_path()), name)
        return name
    fd, path = tempfile.mkstemp(prefix="aplan-words-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if base:
                handle.write(_base_text())
            handle.write("\n" + "\n".join(words) + "\n")
        nlpo3.load_dict(path, name)
    except OSError:  # a full disk, a file-size limit: PyThaiNLP in memory (3 of 1,605 runs
        return None  # of the h1 report differ, in how unknown names are cut)
    finally:
        os.unlink(path)
    return name


@functools.cache
def _newmm(extra: frozenset[str]) -> Callable[[str], list[str]]:
    """PyThaiNLP's own newmm (the algorithm nlpO3 implements) over an in-memory dictionary."""
    from pythainlp.tokenize import newmm
    from pythainlp.util import dict_trie

    trie = dict_trie(base_words() | extra)
    return lambda run: list(newmm.segment(run, custom_dict=trie))


_KEPT_FORMAT = 1


def _kept_file(extra: frozenset[str]) -> Path | None:
    """Where runs segmented with this dictionary are kept: named by what the words depend on
    (the word lists, nlpO3's build, this module's segmenting code), so a change to any of them
    never reuses old words. None without a usable cache folder."""
    folder = usercache.folder("words")
    spec = importlib.util.find_spec("nlpo3")
    if folder is None or spec is None or spec.origin is None:
        return None
    try:
        files = [_base_path(), *Path(spec.origin).parent.glob("_nlpo3_python_backend*")]
        stats = [(file.name, file.stat().st_size, file.stat().st_mtime_ns) for file in files]
    except OSError:
        return None
    code = [marshal.dumps(Breaker.words.__code__), marshal.dumps(_dictionary.__wrapped__.__code__)]
    key = repr((_KEPT_FORMAT, stats, code, sorted(extra))).encode()
    return folder / (hashlib.sha256(key).hexdigest()[:32] + ".marshal")


def _read_kept(path: Path) -> dict[str, list[str]]:
    """The kept runs, checked (each run its words joined); nothing if the file is unusable."""
    data = usercache.read(path)
    if data is None:
        return {}
    try:
        runs = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if isinstance(runs, dict) and all(
        isinstance(words, list) and "".join(words) == run for run, words in runs.items()
    ):
        return runs
    return {}


class Breaker:
    """Segments Thai with the base word list plus ``extra`` words; steers Typst's breaking."""

    def __init__(self, extra: Iterable[str] = (), base: bool = True, kept: bool = False) -> None:
        """``base=False``: ``extra`` alone, each run's words of the base list (_base_segmenter).
        ``kept``: runs segmented by an earlier build with the same dictionary are read from
        the user's cache folder, and ``keep`` writes this build's back (_kept_file)."""
        self.extra = frozenset(w for w in extra if w and len(w) <= _WORD_LIMIT)
        self.base = base
        self._cache: dict[str, list[str]] = {}
        self._kept = _kept_file(self.extra) if kept and base else None
        self._added = False
        if self._kept is not None:
            self._cache = _read_kept(self._kept)
        self._steered: dict[str, str] = {}  # text → steered; runs → steered, in _runs
        self._runs: dict[str, str] = {}

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Every word of the dictionary. A piece it does not know is part of a word it lacks
        (a name, a typo) cut into letter clusters: it stays with its neighbours."""
        return base_words() | self.extra

    def words(self, run: str) -> list[str]:
        """The words of a run of Thai letters, cached: reports repeat their phrases."""
        found = self._cache.get(run)
        if found is None:
            import nlpo3

            # Not nlpO3's safe mode: it returns words from elsewhere in runs over 120 letters.
            dictionary = _dictionary(self.extra, self.base)
            if dictionary is None:
                found = _newmm(self.extra if self.base else frozenset())(run)
                self._kept = None  # PyThaiNLP's words, not nlpO3's: not kept
            else:
                found = nlpo3.segment(run, dictionary)
            if "".join(found) != run:  # never seen; a wrong word must not lose text
                found = list(_CLUSTER.findall(run))
            self._cache[run] = found
            self._added = True
        return found

    def keep(self) -> None:
        """Write the runs segmented so far to the user's cache folder, for the next build."""
        if self._kept is not None and self._added:
            usercache.write(self._kept, marshal.dumps(self._cache))
            usercache.prune(self._kept.parent)
            self._added = False

    def steer(self, text: str) -> str:
        """``text`` with joiners where no break may fall and zero-width spaces between words."""
        found = self._steered.get(text)
        if found is not None:
            return found
        if not _THAI_RUN.search(text):
            return text
        pieces = text.split(" ")
        out = [self._piece(piece) for piece in pieces]
        for i in range(len(pieces) - 1):
            if _glued(pieces[i], pieces[i + 1]):
                out[i] += WJ
                out[i + 1] = WJ + out[i + 1]
        found = self._steered[text] = " ".join(out)
        return found

    def steer_markup(self, markup: str) -> str:
        """Template text: its Thai runs steered, everything else (markup) left as it is.

        A space between the text and a value printed next to it is held when the rules above
        hold it: "พ.ศ. " before a value, " บาท" after one.
        """
        steered = _THAI_RUN.sub(lambda m: self._run(m.group()), markup)
        if markup.endswith(" ") and unsteered(steered[:-1]).endswith(NUMBERED):
            steered = steered[:-1] + WJ + " " + WJ
        if markup.startswith(" ") and unsteered(markup[1:]).startswith(tuple(UNITS)):
            steered = WJ + " " + WJ + steered[1:]
        return steered

    def _piece(self, piece: str) -> str:
        out: list[str] = []
        last = 0
        for match in _THAI_RUN.finditer(piece):
            start, end = match.span()
            out.append(piece[last:start])
            if start > 0 and piece[start - 1] not in _BREAK_AFTER:
                out.append(WJ)  # "(งาน", "๓คน": held to what comes before
            out.append(self._run(match.group()))
            if end < len(piece) and piece[end] not in _BREAK_AFTER:
                out.append(WJ)  # "งาน)", "งาน”": held to what follows
            last = end
        out.append(piece[last:])
        return "".join(out)

    def _run(self, run: str) -> str:
        found = self._runs.get(run)
        if found is not None:
            return found
        words = self.words(run)
        out: list[str] = []
        base, extra = base_words(), self.extra  # as ``known``, without joining 62k words
        for i, word in enumerate(words):
            if i:
                before = words[i - 1]
                unknown = (before not in base and before not in extra) or (
                    word not in base and word not in extra
                )
                out.append(WJ if unknown or _held(before, word) else ZWSP)
            out.append(WJ.join(_CLUSTER.findall(word)))
        found = self._runs[run] = "".join(out)
        return found


def _held(before: str, word: str) -> bool:
    """No break between two words of one run: a title or a place's kind and its name, or
    ๆ / ฯ after a word."""
    return before in TITLES or before in PLACES or word[0] in "ๆฯ" or bool(_MARK.match(word))


def _glued(before: str, after: str) -> bool:
    """Whether the space between two pieces of text may not become a line break."""
    if not before or not after:
        return False
    if before in TITLES or before[-1] in _OPENING or after[0] in _CLOSING or after[0] in "ๆฯ":
        return True
    if _DIGIT.match(after) and before.endswith(NUMBERED):
        return True
    return bool(_DIGIT.match(before[-1]) and after.startswith(tuple(UNITS)))


def has_thai(text: str) -> bool:
    """Whether ``text`` holds Thai letters, the only text that steering changes."""
    return _THAI_RUN.search(text) is not None


def unsteered(text: str) -> str:
    """``text`` without the characters that steer breaking."""
    return text.translate({ord(c): None for c in STEERING})


def data_words(data: DataSet) -> list[str]:
    """Names the data holds, to be kept whole: people, places, and unknown words of the
    office's, the groups' and the projects' names; then the office's own ``words.yaml``."""
    words: list[str] = []
    phrases: list[str] = []
    if data.office is not None:
        office = data.office.model
        names = [p.name for p in office.executives] + [p.name for p in office.group_directors]
        for name in names:
            words += name_words(name)
        if office.area is not None:
            words += [place_word(place, office.area.unit) for place in office.area.places]
        phrases += [office.name, office.short_name, *(g.name for g in office.groups)]
    phrases += [project.model.title for project in data.projects]
    words += _unknown_words(phrases)
    if data.words is not None:
        words += data.words.model.words
    return words


def name_words(name: str) -> list[str]:
    """A person's name as dictionary words: the title dropped, given name and surname."""
    return _TITLE_PREFIX.sub("", name.strip()).split()


def place_word(place: str, unit: str) -> str:
    """A place without its unit (อำเภอขลุง → ขลุง): the name to keep whole."""
    return place.strip().removeprefix(unit).strip()


def unknown_words(phrase: str) -> list[str]:
    """Runs of a phrase's Thai that the base word list does not know, as whole words.

    The segmenter cuts an unknown name into letter clusters ("ศิขณ", "ข|ลุง"); consecutive
    unknown pieces of a name in the data (the office, a group, a project title) are one word.
    """
    return _unknown_words([phrase])


def _unknown_words(phrases: list[str]) -> list[str]:
    known = base_words()
    runs = [match.group() for phrase in phrases for match in _THAI_RUN.finditer(phrase)]
    segment = _base_segmenter(frozenset(runs))
    found: list[str] = []
    for run in runs:
        pending: list[str] = []
        for word in [*segment(run), ""]:
            if word and word not in known:
                pending.append(word)
                continue
            if len("".join(pending)) > 2:
                found.append("".join(pending))
            pending = []
    return found


_SLICED_LETTERS = 15_000  # beyond this, slicing costs more than loading the whole list


def _base_segmenter(runs: frozenset[str]) -> Callable[[str], list[str]]:
    """Segments ``runs`` as the base word list alone would.

    newmm looks words up only as prefixes of the text from each position, so a run's words
    depend only on the dictionary words inside it. A dictionary of those (a few hundred,
    found by slicing the runs) gives the same words as the whole list, and saves a second load
    of 62k words: the report's own dictionary, the base list with the data's words, is loaded
    anyway.
    """
    if sum(map(len, runs)) > _SLICED_LETTERS:
        return Breaker().words
    known = _base_entries()
    longest = max(map(len, known))
    inside: set[str] = set()
    for run in runs:
        for length in range(1, min(len(run), longest) + 1):
            inside |= {run[i : i + length] for i in range(len(run) - length + 1)} & known
    return Breaker(inside, base=False).words


@functools.cache
def _base_entries() -> frozenset[str]:
    """The base list's entries as the segmenter reads them: whole lines. Some hold spaces
    ("ก้ม ๆ เงย ๆ"); their parts are words to ``base_words`` but not to the segmenter."""
    text = _base_text()
    entries = frozenset(text.splitlines())
    if any(pad in "\n" + text + "\n" for pad in (" \n", "\n ", "\t", "\r")):  # none so far
        entries = frozenset(line.strip() for line in entries)
    return entries - {""} if "" in entries else entries
