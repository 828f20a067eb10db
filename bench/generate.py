"""Seeded, deterministic data folders shaped like data/2567, for benchmarks and scale tests.

The real FY2567 folder is the template: its office, direction, report and disbursement files are
kept, and its 14 projects are repeated (with budgets and spending rescaled by a seeded factor)
until there are N. The allocation letter's declared totals are then rewritten to the new sums,
so ``aplan validate`` passes. ``offices`` makes M folders whose offices differ by name, for batch
builds.

    python bench/generate.py N OUTDIR [--seed S] [--offices M]

The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import shutil
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "2567"
OFFICE_NAME = "จันทบุรี เขต 2"
"""The part of the template office's name that a generated office replaces everywhere."""

PROVINCES = (
    "ระยอง", "ชลบุรี", "ตราด", "ลำปาง", "น่าน", "แพร่", "สตูล", "ตรัง", "พังงา", "ยโสธร",
    "เลย", "ตาก", "สระบุรี", "ลพบุรี", "ชัยนาท", "พิจิตร", "ขอนแก่น", "สุรินทร์", "กระบี่", "ชุมพร",
)


class _Dumper(yaml.SafeDumper):
    """Writes Decimal money as a plain number, which aplan's loader reads back exactly, and
    shared values in full (aplan refuses YAML aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:.2f}")


_Dumper.add_representer(Decimal, _decimal)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _money(value: Any) -> Decimal:
    """A template amount (int, float from plain PyYAML, or a ``{amount: …}`` mapping)."""
    if isinstance(value, dict):
        value = value["amount"]
    return Decimal(str(value).replace(",", ""))


def _scaled(project: dict[str, Any], factor: Decimal) -> dict[str, Any]:
    """The project with its budget and each quarter's spending times ``factor``, in baht."""
    project["budget"] = (_money(project["budget"]) * factor).quantize(Decimal("0.01"), ROUND_DOWN)
    for quarter, spent in (project.get("spent") or {}).items():
        if spent is None:
            continue
        amount = (_money(spent) * factor).quantize(Decimal("0.01"), ROUND_DOWN)
        if isinstance(spent, dict):
            spent["amount"] = amount
        else:
            project["spent"][quarter] = amount
    return project


def _templates(source: Path) -> list[tuple[str, dict[str, Any]]]:
    paths = sorted((source / "projects").glob("*.yaml"))
    loaded = [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in paths]
    return sorted(loaded, key=lambda item: int(item[1]["number"]))


def generate(
    out: Path,
    projects: int = 14,
    seed: int = 0,
    office: int | None = None,
    source: Path = TEMPLATE,
) -> Path:
    """Write one valid data folder with ``projects`` projects to ``out`` (replaced if present).

    With ``office`` k, the office is renamed after the k-th of ``PROVINCES`` (and its district
    number), so that folders made for a batch build are distinct reports.
    """
    if projects < 1:
        raise ValueError("a data folder needs at least one project")
    rng = random.Random(f"{seed}:{office}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out, ignore=shutil.ignore_patterns("projects"))
    (out / "projects").mkdir()

    templates = _templates(source)
    width = max(2, len(str(projects)))
    total = Decimal(0)
    for i in range(projects):
        stem, template = templates[i % len(templates)]
        round_ = i // len(templates)
        project = copy.deepcopy(template)
        project["number"] = i + 1
        if round_:
            factor = Decimal(rng.randint(50, 150)) / 100
            project = _scaled(project, factor)
            project["title"] = f"{project['title']} ระยะที่ {round_ + 1}"
        total += _money(project["budget"])
        name = re.sub(r"^\d+-", "", stem)
        (out / "projects" / f"{i + 1:0{width}d}-{name}.yaml").write_text(
            _dump(project), encoding="utf-8"
        )

    budget_path = out / "budget.yaml"
    budget = yaml.safe_load(budget_path.read_text(encoding="utf-8"))
    allocation = budget["allocation"]
    allocation["projects"] = total
    allocation["expected_total"] = _money(allocation["running_costs"]) + total
    budget_path.write_text(_dump(budget), encoding="utf-8")

    if office is not None:
        _rename_office(out, office)
    return out


def _rename_office(out: Path, office: int) -> None:
    province = PROVINCES[office % len(PROVINCES)]
    district = office // len(PROVINCES) + 1
    for path in sorted(out.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(OFFICE_NAME, f"{province} เขต {district}"), encoding="utf-8")


def generate_offices(
    out: Path, count: int, projects: int = 14, seed: int = 0, source: Path = TEMPLATE
) -> list[Path]:
    """``count`` distinct offices' folders under ``out``: office-01, office-02, …"""
    width = max(2, len(str(count)))
    return [
        generate(out / f"office-{k + 1:0{width}d}", projects, seed, office=k, source=source)
        for k in range(count)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", type=int, help="number of projects (N)")
    parser.add_argument("out", type=Path, help="folder to write (replaced if present)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--offices", type=int, default=None, metavar="M",
        help="write M distinct offices' folders under OUT instead of one folder",
    )
    args = parser.parse_args(argv)
    if args.offices is None:
        print(generate(args.out, args.projects, args.seed))
    else:
        for folder in generate_offices(args.out, args.offices, args.projects, args.seed):
            print(folder)


if __name__ == "__main__":
    main()
