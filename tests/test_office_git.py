"""The office's git: the pre-commit hook and the CI workflow example do what docs/ says."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from aplan.sources import parse

from .conftest import DATA, REPO, DataCopy

DOC = (REPO / "docs" / "office-git.md").read_text(encoding="utf-8")


def yaml_file(path: Path) -> Any:
    """Read with aplan's YAML 1.2 loader: GitHub's `on:` stays a key, not a boolean."""
    doc, problems = parse(path.read_text(encoding="utf-8"), str(path))
    assert problems == [] and doc is not None
    return doc.data


def shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run as CI or pre-commit would, with this environment's `aplan` first on PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env={**os.environ, "PATH": path, **env},
        capture_output=True, text=True, check=False,
    )


def test_the_pre_commit_hook_validates_the_folder_the_office_names(
    data_copy: DataCopy, tmp_path: Path
) -> None:
    (hook,) = yaml_file(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "aplan-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # a total spans files: the whole folder is checked
    assert re.search(hook["files"], "data/2568/projects/01-x.yaml")
    config = re.search(r"```yaml\n(repos:.*?)```", DOC, re.S)
    assert config is not None
    doc, _ = parse(config.group(1), "office-git.md")
    assert doc is not None
    (used,) = doc.data["repos"][0]["hooks"]
    assert used["id"] == hook["id"] and used["args"][0] == "--data"
    command = " ".join([hook["entry"], "--data", shlex.quote(str(data_copy.root))])
    assert shell(command, tmp_path).returncode == 0
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    refused = shell(command, tmp_path)
    assert refused.returncode == 1
    assert "[unknown-group]" in refused.stdout


def test_the_ci_workflow_validates_for_github_then_publishes_the_pdf(
    data_copy: DataCopy, tmp_path: Path
) -> None:
    workflow = yaml_file(REPO / "docs" / "github-workflow.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    job = workflow["jobs"]["report"]
    runs = {step.get("name"): step.get("run", "") for step in job["steps"]}
    assert "--format github" in runs["Validate"]
    assert "aplan build" in runs["Build the PDF"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-"))
    built = runs["Build the PDF"].split("-o ")[1].strip('"').replace("$PERIOD", "${{ env.PERIOD }}")
    assert upload["with"]["path"] == built
    data_copy.edit("projects/12-ict.yaml", "group: ict", "group: itc")
    result = shell(runs["Validate"], tmp_path, DATA=str(data_copy.root))
    assert result.returncode == 1  # the job stops here: no PDF of data with errors
    assert result.stdout.startswith(
        f"::error file={data_copy.name('projects/12-ict.yaml')},line=4,col=8,"
    )
    assert shell(runs["Validate"], tmp_path, DATA=str(DATA)).returncode == 0
