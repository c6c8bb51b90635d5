"""datasets/ is reproducible byte for byte and matches its manifest."""

from __future__ import annotations

import contextlib
import filecmp
import io
import shutil
from pathlib import Path

import pytest

from precisionmed import datasets
from precisionmed.data import datasets_dir


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One full rebuild through the command line, shared by the tests below (it is slow)."""
    out = tmp_path_factory.mktemp("rebuilt") / "datasets"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert datasets.main(["build", "--out", str(out)]) == 0
    return out, buffer.getvalue()


def test_rebuild_equals_datasets_byte_for_byte(rebuilt: tuple[Path, str]) -> None:
    out = rebuilt[0]
    source = datasets_dir()
    assert _files(out) == _files(source), "file lists differ: run the datasets build"
    different = [rel for rel in sorted(_files(source))
                 if not filecmp.cmp(source / rel, out / rel, shallow=False)]
    assert different == [], f"rebuilt files differ: {different}"


def test_datasets_match_manifest() -> None:
    assert datasets.verify() == []


def test_verify_detects_a_changed_file(rebuilt: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(rebuilt[0], out)
    assert datasets.verify(out) == []
    target = out / "start" / "trial.csv"
    target.write_bytes(target.read_bytes() + b"\n")
    assert datasets.verify(out) == ["changed: start/trial.csv"]
    (out / "extra.txt").write_text("x")
    assert "not in manifest: extra.txt" in datasets.verify(out)


def test_readme_documents_every_table() -> None:
    readme = (datasets_dir() / "README.md").read_text(encoding="utf-8")
    from precisionmed import data

    for name in data.available():
        assert f"`{name}." in readme, name


def test_datasets_stay_small() -> None:
    total = sum(p.stat().st_size for p in datasets_dir().rglob("*") if p.is_file())
    assert total < 8_000_000, f"datasets/ is {total / 1e6:.1f} MB; keep it a few MB"


def test_cli_build_prints_progress(rebuilt: tuple[Path, str]) -> None:
    printed = rebuilt[1]
    assert "[1/" in printed and "MANIFEST.sha256" in printed
    assert printed.count("simulated ") >= 1
