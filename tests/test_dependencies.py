"""pyproject.toml and environment.yml declare the same packages; Binder files are in place."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the check itself needs only one run

CONDA_ONLY = {"python", "pip"}


def _split(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert match, spec
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject(root: Path) -> dict[str, str]:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_split(s) for s in specs)


def _environment(root: Path) -> dict[str, str]:
    env = yaml.safe_load((root / "environment.yml").read_text())
    specs = [d for d in env["dependencies"] if isinstance(d, str)]
    return {name: version for name, version in map(_split, specs) if name not in CONDA_ONLY}


def test_same_packages_and_versions(root: Path) -> None:
    py, conda = _pyproject(root), _environment(root)
    assert sorted(set(py) - set(conda)) == [], "in pyproject.toml only"
    assert sorted(set(conda) - set(py)) == [], "in environment.yml only"
    assert {k: conda[k] for k in py} == py, "version constraints differ"


def test_every_environment_entry_says_why(root: Path) -> None:
    for line in (root / "environment.yml").read_text().splitlines():
        if line.strip().startswith("- ") and not line.strip().startswith("- conda-forge"):
            assert "#" in line and line.split("#", 1)[1].strip(), f"no reason given: {line}"


def test_environment_is_well_formed(root: Path) -> None:
    env = yaml.safe_load((root / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert any(str(d).startswith("python>=3.10") for d in env["dependencies"])
    for spec in env["dependencies"]:
        pattern = r"^[a-z0-9_.\-]+([<>=!]=?[0-9.*]+,?)*$"
        assert isinstance(spec, str) and re.match(pattern, spec), spec


def test_binder_postbuild_installs_the_package(root: Path) -> None:
    post = root / "postBuild"
    assert post.is_file() and os.access(post, os.X_OK), "postBuild must exist and be executable"
    text = post.read_text()
    assert "pip install --no-deps -e ." in text
    assert (root / "lab-overrides.json").is_file()


def test_python_floor_matches(root: Path) -> None:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
