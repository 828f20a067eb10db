"""The user's cache folder (render/usercache.py): compiled templates (render/jinja.py) and
segmented runs (render/linebreak.py) give the same output as doing the work again, carry
nothing of one report's data into another's, and are skipped when the folder cannot be used."""

from __future__ import annotations

import errno
import io
import marshal
import os
from pathlib import Path

import jinja2
import pytest

from aplan.render.jinja import environment
from aplan.render.linebreak import Breaker, unsteered
from aplan.thai import Digits

TEMPLATE = '#heading[<< "ส่วนที่ 1" | s >>] ไปขลุงมา << n | num >>\n'


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "part.typ.j2").write_text(TEMPLATE, encoding="utf-8")
    return folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "aplan" / "jinja"


def render(templates: Path, digits: str = "thai", words: list[str] | None = None) -> str:
    env = environment(templates, Digits(digits), Breaker(words or []))
    return env.get_template("part.typ.j2").render(n=12)


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source from now on."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counted(
        self: jinja2.Environment,
        source: str,
        name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> object:
        compiled.append(name or "")
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return compiled


def test_a_cached_template_renders_as_a_compiled_one(
    templates: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compiles(monkeypatch)
    first = render(templates)
    assert compiled == ["part.typ.j2"]
    assert len(list(cache.glob("*.cache"))) == 1
    assert render(templates) == first
    assert compiled == ["part.typ.j2"]  # the second environment loaded it from the cache
    (templates / "part.typ.j2").write_text(TEMPLATE + "x\n", encoding="utf-8")
    assert render(templates) == first + "x\n"  # a changed source is compiled again
    assert compiled == ["part.typ.j2", "part.typ.j2"]


def test_the_cache_holds_nothing_of_the_data(templates: Path, cache: Path) -> None:
    """Digits and line breaks of one report never reach another through the compiled code:
    Jinja would apply a filter to a constant while compiling, and the template's own text
    was steered while compiling."""
    thai, arabic = render(templates, "thai"), render(templates, "arabic")
    assert "๑" in thai and "๑" not in arabic and "1" in arabic
    known = render(templates, words=["ขลุง"])
    unknown = render(templates)
    assert Breaker(["ขลุง"]).steer_markup("ไปขลุงมา") in known
    assert Breaker().steer_markup("ไปขลุงมา") in unknown
    assert known != unknown and unsteered(known) == unsteered(unknown)
    for office in ("thai", "arabic"):  # cached now: the same as each compiled alone
        assert render(templates, office) == (thai if office == "thai" else arabic)


def test_cache_files_take_the_users_umask(templates: Path, cache: Path) -> None:
    old = os.umask(0o027)
    try:
        render(templates)
    finally:
        os.umask(old)
    (file,) = cache.glob("*.cache")
    assert file.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("where", ["a file", "home a file"])
def test_an_unusable_cache_folder_is_skipped(
    templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    if where == "a file":
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    else:  # no XDG_CACHE_HOME (or a relative one, which the spec says to ignore): ~/.cache
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
        monkeypatch.setenv("HOME", str(blocker))
    assert "๑" in render(templates)
    assert blocker.read_text(encoding="utf-8") == ""


def test_a_read_only_or_full_cache_is_skipped(
    templates: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = render(templates)
    for old in cache.iterdir():
        old.unlink()

    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def full(fd: int, mode: str) -> FullDisk:
        os.close(fd)
        return FullDisk()

    monkeypatch.setattr("aplan.render.usercache.os.fdopen", full)
    assert render(templates) == expected
    assert list(cache.iterdir()) == []  # no cache file, no temporary file left
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache.parent.parent))

    def read_only(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("aplan.render.usercache.os.open", read_only)
    assert render(templates) == expected
    assert list(cache.iterdir()) == []


def test_a_damaged_cache_file_is_compiled_again(templates: Path, cache: Path) -> None:
    expected = render(templates)
    (file,) = cache.glob("*.cache")
    file.write_bytes(file.read_bytes()[:200])
    assert render(templates) == expected
    file.write_bytes(b"")
    assert render(templates) == expected


def test_segmented_runs_are_kept_for_the_next_build(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's segmentation is read back by the next build with the same dictionary,
    which then needs no nlpO3 at all; another dictionary keeps its own."""
    import nlpo3

    text = "ไปขลุงมา โครงการพัฒนาคุณภาพการศึกษา"
    first = Breaker(["ขลุง"], kept=True)
    steered = first.steer(text)
    first.keep()
    (kept,) = (cache.parent / "words").iterdir()

    def no_segmenter(*args: object) -> list[str]:
        raise AssertionError("segmented again")

    with monkeypatch.context() as patched:
        patched.setattr(nlpo3, "segment", no_segmenter)
        assert Breaker(["ขลุง"], kept=True).steer(text) == steered
    other = Breaker([], kept=True)
    assert other.steer(text) == Breaker([]).steer(text) != steered
    other.keep()
    assert len(list(kept.parent.iterdir())) == 2
    kept.write_bytes(kept.read_bytes()[:100])  # damaged: segmented again, written whole
    again = Breaker(["ขลุง"], kept=True)
    assert again.steer(text) == steered
    again.keep()
    assert Breaker(["ขลุง"], kept=True)._cache


def test_kept_runs_that_do_not_spell_the_run_are_not_used(cache: Path) -> None:
    text = "โครงการพัฒนา"
    first = Breaker(kept=True)
    expected = first.steer(text)
    first.keep()
    (kept,) = (cache.parent / "words").iterdir()
    kept.write_bytes(marshal.dumps({"โครงการพัฒนา": ["โครง", "การ"]}))
    assert Breaker(kept=True).steer(text) == expected


def test_an_unusable_cache_folder_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    breaker = Breaker(kept=True)
    assert breaker.steer("โครงการ") == Breaker().steer("โครงการ")
    breaker.keep()
    assert blocker.read_text(encoding="utf-8") == ""
