"""Shared fixtures: the real FY2567 data, editable copies of it for bad-input cases, and the
reports built once per session for the tests that only read them.
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aplan.problems import Problem
from aplan.validate import validate

from .extract import page_texts

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "2567"
EXAMPLE = REPO / "examples" / "spm-example"


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The session's builds keep their cache (compiled templates, segmented Thai) in a folder of
    their own: what a run finds in the user's ~/.cache never decides a test, and the suite
    leaves nothing there. Subprocesses inherit it."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


class DataCopy:
    """A copy of data/2567 under tmp_path that a test edits to make one mistake."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace text that occurs exactly once, so the test edits what it means to."""
        path = self.path(name)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def line_of(self, name: str, text: str) -> int:
        """1-based line of the only line containing ``text``."""
        lines = self.path(name).read_text(encoding="utf-8").splitlines()
        found = [i + 1 for i, line in enumerate(lines) if text in line]
        assert len(found) == 1, f"{text!r} on lines {found} of {name}"
        return found[0]

    def name(self, name: str) -> str:
        return str(self.path(name))

    def problems(self) -> list[Problem]:
        return validate(self.root)[1]


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    root = tmp_path / "2567"
    shutil.copytree(DATA, root)
    return DataCopy(root)


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _build(data: Path, output: Path) -> list[Problem]:
    """Build the h1 report as the tests expect it: dated by its period, not by the environment."""
    from aplan.build import build_pdf
    from aplan.period import PERIODS

    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build_pdf(data, PERIODS["h1"], output).problems


@pytest.fixture(scope="session")
def h1_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FY2567 h1 report, built once for every test that only reads it."""
    output = tmp_path_factory.mktemp("build") / "report.pdf"
    problems = _build(DATA, output)
    assert [p.human() for p in problems] == []
    return output


@pytest.fixture(scope="session")
def h1_pages(h1_pdf: Path) -> list[str]:
    """Each page's text as pypdf extracts it, extracted once (it costs as much as a build)."""
    return page_texts(h1_pdf)


@pytest.fixture(scope="session")
def h1_text(h1_pages: list[str]) -> str:
    """The report's text as a reader copies it, without the page numbers of the headers."""
    return "\n".join(re.sub(r"^[๐-๙ก-ฮ]{1,3}\n", "", text, count=1) for text in h1_pages)


NASTY_TITLE = (
    r'สูตร #panic("x") *ตัวหนา* _เอียง_ $x^2$ @ref <lab> \ [ลิงก์] // ไม่ใช่คอมเมนต์ `code` "อัญ"'
)
"""Typst markup typed as a project title (project 3), to be printed literally."""
PHOTO_CAPTION = "ประชุมผู้บริหาร #1 [ตุลาคม 2566]"


@dataclass(frozen=True)
class Variant:
    """The h1 report of a copy of data/2567 with a markup title and a photo, built once."""

    data: DataCopy
    pdf: Path
    problems: list[Problem]


@pytest.fixture(scope="session")
def h1_variant(tmp_path_factory: pytest.TempPathFactory) -> Variant:
    root = tmp_path_factory.mktemp("variant") / "2567"
    shutil.copytree(DATA, root)
    copy = DataCopy(root)
    copy.edit(
        "projects/03-public-relations.yaml",
        "title: ประชาสัมพันธ์เพื่อการพัฒนา",
        "title: '" + NASTY_TITLE.replace("'", "''") + "'",
    )
    (root / "photos").mkdir()
    (root / "photos" / "meeting.png").write_bytes(png())
    copy.edit(
        "projects/01-education-management.yaml",
        "problems: []",
        f"problems: []\nphotos:\n  - file: photos/meeting.png\n    caption: '{PHOTO_CAPTION}'",
    )
    output = root.parent / "report.pdf"
    return Variant(copy, output, _build(root, output))


def png() -> bytes:
    """A 2×2 red PNG, made here so the test needs no image file."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Built:
    """One round of a completed data folder, built once per session."""

    root: Path
    pdf: Path
    problems: list[Problem]
    pages: list[str]

    @property
    def text(self) -> str:
        """The pages' text without the page number that heads each page, as in ``h1_text``:
        a sentence that runs onto the next page reads on without it."""
        return "\n".join(re.sub(r"^[๐-๙ก-ฮ]{1,3}\n", "", page, count=1) for page in self.pages)


COMPLETED = {"2567": DATA, "example": EXAMPLE}
"""The data folders that every round is built for, once their later quarters are typed."""


@pytest.fixture(scope="session")
def completed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .rounds import complete_2567, complete_example

    roots = {}
    for name, source in COMPLETED.items():
        root = tmp_path_factory.mktemp("rounds") / source.name
        shutil.copytree(source, root)
        (complete_2567 if name == "2567" else complete_example)(root)
        roots[name] = root
    return roots


@pytest.fixture(scope="session")
def round_builds(
    completed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Built]:
    """Each (data folder, round) built lazily, once, for every test that reads it."""

    from aplan.build import build_pdf
    from aplan.period import PERIODS

    class Lazy(dict[tuple[str, str], Built]):
        def __missing__(self, key: tuple[str, str]) -> Built:
            name, code = key
            output = tmp_path_factory.mktemp(f"{name}-{code}") / "report.pdf"
            with pytest.MonkeyPatch.context() as env:
                env.delenv("SOURCE_DATE_EPOCH", raising=False)
                outcome = build_pdf(completed[name], PERIODS[code], output)  # type: ignore[index]
            assert outcome.pdf is not None, [p.human() for p in outcome.problems]
            pages = page_texts(output)
            self[key] = Built(completed[name], output, outcome.problems, pages)
            return self[key]

    return Lazy()
